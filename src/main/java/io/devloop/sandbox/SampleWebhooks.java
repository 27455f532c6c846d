package io.devloop.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The page's webhook panel: real Alertmanager and GitHub payloads (captured or from octokit, in
 * {@code sandbox/samples/}) sent to devloop's real webhook endpoints with the sandbox's token and secret.
 * Times are moved to now, so a firing alert is a new one and its resolution matches it, and the deployment
 * counts as recent; the repository is named after the alert's service, so both meet in one service.
 */
final class SampleWebhooks {
    enum Kind { ALERT_FIRING, ALERT_RESOLVED, DEPLOYMENT }

    /** The HTTP status devloop answered and its body. */
    record Sent(String endpoint, int status, String body) {
    }

    private final String baseUrl;
    private final String webhookToken;
    private final String githubSecret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Instant firingSince;

    SampleWebhooks(String baseUrl, String webhookToken, String githubSecret, Clock clock) {
        this.baseUrl = baseUrl;
        this.webhookToken = webhookToken;
        this.githubSecret = githubSecret;
        this.clock = clock;
    }

    Sent send(Kind kind) {
        return switch (kind) {
            case ALERT_FIRING -> alert("firing-group-3-critical.json", true);
            case ALERT_RESOLVED -> alert("resolved-group.json", false);
            case DEPLOYMENT -> deployment();
        };
    }

    private synchronized Sent alert(String sample, boolean firing) {
        Instant now = clock.instant();
        if (firing || firingSince == null) {
            firingSince = now.minusSeconds(90);
        }
        JsonObject body = sample(sample);
        for (JsonElement e : body.getAsJsonArray("alerts")) {
            JsonObject alert = e.getAsJsonObject();
            alert.addProperty("startsAt", firingSince.toString());
            alert.addProperty("endsAt", firing ? "0001-01-01T00:00:00Z" : now.toString());
        }
        return post("/webhooks/alertmanager", body.toString(), "Bearer " + webhookToken, null);
    }

    private Sent deployment() {
        String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        JsonObject body = sample("deployment_status.created.success.json");
        body.getAsJsonObject("repository").addProperty("name", "checkout");
        body.getAsJsonObject("repository").addProperty("full_name", "sandbox/checkout");
        for (String part : new String[] {"deployment", "deployment_status"}) {
            body.getAsJsonObject(part).addProperty("created_at", now);
            body.getAsJsonObject(part).addProperty("updated_at", now);
        }
        String json = body.toString();
        return post("/webhooks/github", json, null, "sha256=" + hmac(json));
    }

    private Sent post(String path, String body, String authorization, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization).header("User-Agent", "Alertmanager/0.25.0");
        }
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature).header("X-GitHub-Event", "deployment_status")
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString()).header("User-Agent", "GitHub-Hookshot/sandbox");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Sent(path, r.statusCode(), r.body());
        } catch (IOException e) {
            return new Sent(path, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(path, 0, "interrupted");
        }
    }

    private String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(githubSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject sample(String name) {
        try (InputStream in = SampleWebhooks.class.getResourceAsStream("/sandbox/samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + name);
            }
            return Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
