package io.devloop.testing;

import io.devloop.alerts.GithubSignature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Sends webhooks the way Alertmanager and GitHub do, and reads the payload fixtures. */
public final class Webhooks {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Webhooks() {
    }

    /** A notification with Alertmanager 0.25's headers and the test server's bearer token. */
    public static HttpResponse<String> alertmanager(TestServer server, String body) {
        return post(server.url("/webhooks/alertmanager"), body, Map.of("User-Agent", "Alertmanager/0.25.0",
                "Authorization", "Bearer " + TestServer.WEBHOOK_TOKEN));
    }

    /** A GitHub delivery signed with the test server's secret. */
    public static HttpResponse<String> github(TestServer server, String event, String delivery, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "GitHub-Hookshot/abc123");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        headers.put("X-Hub-Signature-256", GithubSignature.of(TestServer.GITHUB_SECRET, body.getBytes(StandardCharsets.UTF_8)));
        return post(server.url("/webhooks/github"), body, headers);
    }

    public static String newDelivery() {
        return UUID.randomUUID().toString();
    }

    public static HttpResponse<String> post(String url, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file under src/test/resources/fixtures, e.g. "alertmanager/firing-group-3-critical.json". */
    public static String fixture(String path) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
