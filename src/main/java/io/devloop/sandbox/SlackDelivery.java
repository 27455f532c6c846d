package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.slack.api.app_backend.SlackSignature;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The Slack side of the sandbox: what a person does on the page becomes the request Slack would send —
 * a slash command form, an interactivity {@code payload=}, an Events API callback — signed with the sandbox's
 * signing secret and sent over HTTP to devloop's own {@code /slack/events}, where Bolt verifies it.
 */
final class SlackDelivery {
    /** Slack gives up after 3 s; the sandbox waits longer so a slow first request still shows, and says so. */
    static final Duration SLACK_DEADLINE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(15);

    /** devloop's answer: HTTP status, body, and how long the ack took. */
    record Answer(int status, String body, Duration took) {
        boolean ok() {
            return status == 200;
        }

        JsonObject json() {
            try {
                return body == null || body.isBlank() ? null : Json.parseObject(body);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private final String eventsUrl;
    private final String hooksBase;
    private final SlackSignature.Generator signer;
    private final Workspace workspace;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SlackDelivery(String baseUrl, String signingSecret, Workspace workspace) {
        this.eventsUrl = baseUrl + "/slack/events";
        this.hooksBase = baseUrl + "/sandbox/hooks";
        this.signer = new SlackSignature.Generator(signingSecret);
        this.workspace = workspace;
    }

    /** {@code /devloop <text>} typed by this user in this channel; text escaped the way the manifest asks Slack to. */
    Answer command(String user, String channel, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "sandbox-verification-token");
        form.put("team_id", Workspace.TEAM);
        form.put("team_domain", Workspace.TEAM_DOMAIN);
        form.put("channel_id", channel);
        form.put("channel_name", Workspace.channel(channel).map(Workspace.Channel::name).orElse("directmessage"));
        form.put("user_id", user);
        form.put("user_name", Workspace.user(user).map(Workspace.User::name).orElse(user));
        form.put("command", "/devloop");
        form.put("text", CommandText.escape(text));
        form.put("api_app_id", Workspace.APP_ID);
        form.put("is_enterprise_install", "false");
        form.put("response_url", responseUrl(channel, user, null));
        form.put("trigger_id", workspace.newTrigger(user));
        return send(formEncode(form), "application/x-www-form-urlencoded");
    }

    /** A block_actions payload; {@code container} and the parts that depend on where the click happened come from the caller. */
    Answer blockActions(String user, JsonObject container, JsonObject action, JsonObject where) {
        JsonObject payload = base("block_actions", user);
        payload.add("container", container);
        payload.addProperty("trigger_id", workspace.newTrigger(user));
        where.entrySet().forEach(e -> payload.add(e.getKey(), e.getValue()));
        JsonArray actions = new JsonArray();
        action.addProperty("action_ts", Long.toString(System.currentTimeMillis() / 1000) + ".000100");
        actions.add(action);
        payload.add("actions", actions);
        return interactivity(payload);
    }

    Answer viewSubmission(String user, JsonObject viewWithState) {
        JsonObject payload = base("view_submission", user);
        payload.addProperty("trigger_id", workspace.newTrigger(user));
        payload.add("view", viewWithState);
        payload.add("response_urls", new JsonArray());
        return interactivity(payload);
    }

    Answer viewClosed(String user, JsonObject view) {
        JsonObject payload = base("view_closed", user);
        payload.add("view", view);
        payload.addProperty("is_cleared", false);
        return interactivity(payload);
    }

    Answer appHomeOpened(String user) {
        JsonObject event = Json.of("type", "app_home_opened", "user", user, "channel", Workspace.dmChannel(user),
                "tab", "home", "event_ts", System.currentTimeMillis() / 1000 + ".000200");
        workspace.home(user).ifPresent(view -> event.add("view", view));
        JsonObject envelope = Json.of("token", "sandbox-verification-token", "team_id", Workspace.TEAM,
                "api_app_id", Workspace.APP_ID, "event", event, "type", "event_callback",
                "event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(),
                "event_time", System.currentTimeMillis() / 1000);
        return send(envelope.toString(), "application/json");
    }

    /** A response_url for a request made in this channel by this user, about this message (null for a command). */
    String responseUrl(String channel, String user, String messageTs) {
        return hooksBase + "/respond/" + workspace.newResponseUrlId(channel, user, messageTs);
    }

    private JsonObject base(String type, String user) {
        var u = Workspace.user(user);
        return Json.of("type", type,
                "team", Json.of("id", Workspace.TEAM, "domain", Workspace.TEAM_DOMAIN),
                "user", Json.of("id", user, "username", u.map(Workspace.User::name).orElse(user),
                        "name", u.map(Workspace.User::name).orElse(user), "team_id", Workspace.TEAM),
                "api_app_id", Workspace.APP_ID, "token", "sandbox-verification-token",
                "is_enterprise_install", false);
    }

    private Answer interactivity(JsonObject payload) {
        return send(formEncode(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded");
    }

    /** Signs with the current time (Bolt checks the timestamp against its clock) and posts. */
    private Answer send(String body, String contentType) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(eventsUrl)).timeout(WAIT)
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signer.generate(ts, body))
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots) devloop-sandbox")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            return new Answer(0, e.toString(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted", Duration.ofNanos(System.nanoTime() - start));
        }
    }

    static String formEncode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }
}
