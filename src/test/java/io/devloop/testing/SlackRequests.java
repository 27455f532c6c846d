package io.devloop.testing;

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends requests to /slack/events exactly as Slack does: the raw body signed with the signing secret
 * (v0:timestamp:body, HMAC-SHA256), as a form for commands and interactivity, as JSON for events.
 */
public final class SlackRequests {
    public static final String CHANNEL = "C0GENERAL";
    public static final String USER = "U0ALICE";
    private static final AtomicLong TRIGGERS = new AtomicLong();

    private final String baseUrl;
    /** Where response_url points: Slack's hooks host unless a test routes it to its fake (see respondVia). */
    private String responseBase = "https://hooks.slack.com";
    private final SlackSignature.Generator signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SlackRequests(String baseUrl, String signingSecret) {
        this.baseUrl = baseUrl;
        this.signer = new SlackSignature.Generator(signingSecret);
    }

    /** Routes the response_url of this sender's commands and clicks to a fake (its /commands and /actions paths). */
    public SlackRequests respondVia(String base) {
        this.responseBase = base;
        return this;
    }

    /** `/devloop <text>` from Alice in #general. */
    public HttpResponse<String> command(String text) {
        return command(USER, text);
    }

    /** `/devloop <text>` from this user in #general. */
    public HttpResponse<String> command(String user, String text) {
        return send(commandBody(FakeSlack.TEAM, CHANNEL, user, text, responseBase), "application/x-www-form-urlencoded", Map.of());
    }

    public static String commandBody(String team, String channel, String user, String text) {
        return commandBody(team, channel, user, text, "https://hooks.slack.com");
    }

    private static String commandBody(String team, String channel, String user, String text, String responseBase) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", team);
        form.put("team_domain", "acme");
        form.put("channel_id", channel);
        form.put("channel_name", "general");
        form.put("user_id", user);
        form.put("user_name", "alice");
        form.put("command", "/devloop");
        form.put("text", text);
        form.put("api_app_id", "A0DEVLOOP");
        form.put("response_url", responseBase + "/commands/" + team + "/1/abc");
        form.put("trigger_id", newTriggerId());
        return formEncode(form);
    }

    /** A block_actions click on a button with this action id and value, on a message in #general. */
    public HttpResponse<String> clickButton(String actionId, String value) {
        return clickButton(USER, actionId, value);
    }

    /** A click by this user. */
    public HttpResponse<String> clickButton(String userId, String actionId, String value) {
        return interactivity(buttonClick(userId, actionId, value));
    }

    /** The payload of a click; send it (again, for a redelivery) with {@link #interactivity}. */
    public JsonObject buttonClick(String userId, String actionId, String value) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        payload.add("team", obj("id", FakeSlack.TEAM, "domain", "acme"));
        payload.add("user", obj("id", userId, "username", userId.toLowerCase(java.util.Locale.ROOT), "team_id", FakeSlack.TEAM));
        payload.addProperty("api_app_id", "A0DEVLOOP");
        payload.addProperty("trigger_id", newTriggerId());
        payload.add("channel", obj("id", CHANNEL, "name", "general"));
        payload.add("container", obj("type", "message", "message_ts", "1700000000.000100", "channel_id", CHANNEL));
        payload.addProperty("response_url", responseBase + "/actions/" + FakeSlack.TEAM + "/1/abc");
        var actions = new com.google.gson.JsonArray();
        JsonObject action = obj("type", "button", "action_id", actionId, "block_id", "b1", "value", value,
                "action_ts", "1700000001.000200");
        actions.add(action);
        payload.add("actions", actions);
        return payload;
    }

    /**
     * A view_submission of a modal, as Slack sends it when the user presses Submit. {@code values} is the
     * view's state: block id → action id → value (see {@link #state}).
     */
    public HttpResponse<String> submitView(String callbackId, String privateMetadata, JsonObject values) {
        return submitView(USER, callbackId, privateMetadata, values);
    }

    public HttpResponse<String> submitView(String userId, String callbackId, String privateMetadata, JsonObject values) {
        return submitView(FakeSlack.TEAM, userId, callbackId, privateMetadata, values);
    }

    /** A submission from a user of another workspace (a shared channel, an Enterprise Grid org). */
    public HttpResponse<String> submitView(String teamId, String userId, String callbackId, String privateMetadata,
                                           JsonObject values) {
        return interactivity(viewSubmission(teamId, userId, callbackId, privateMetadata, values));
    }

    /** The payload of a view_submission; send it (again, for a redelivery) with {@link #interactivity}. */
    public static JsonObject viewSubmission(String teamId, String userId, String callbackId, String privateMetadata,
                                            JsonObject values) {
        JsonObject view = obj("id", "V" + TRIGGERS.incrementAndGet(), "team_id", teamId, "type", "modal",
                "callback_id", callbackId, "private_metadata", privateMetadata == null ? "" : privateMetadata,
                "hash", "h" + System.nanoTime());
        JsonObject state = new JsonObject();
        state.add("values", values);
        view.add("state", state);
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "view_submission");
        payload.add("team", obj("id", teamId, "domain", "acme"));
        payload.add("user", obj("id", userId, "username", userId.toLowerCase(java.util.Locale.ROOT), "team_id", teamId));
        payload.addProperty("api_app_id", "A0DEVLOOP");
        payload.addProperty("trigger_id", newTriggerId());
        payload.add("view", view);
        return payload;
    }

    /**
     * A view state from pairs of field id and value; devloop's forms use the field id as both block id and
     * action id ({@code io.devloop.slack.Forms}). Values: {@link #text}, {@link #choice}, {@link #users}.
     */
    public static JsonObject state(Object... fieldIdThenValue) {
        JsonObject values = new JsonObject();
        for (int i = 0; i < fieldIdThenValue.length; i += 2) {
            String id = (String) fieldIdThenValue[i];
            JsonObject action = new JsonObject();
            action.add(id, (JsonObject) fieldIdThenValue[i + 1]);
            values.add(id, action);
        }
        return values;
    }

    public static JsonObject text(String value) {
        JsonObject v = obj("type", "plain_text_input");
        if (value != null) {
            v.addProperty("value", value);
        }
        return v;
    }

    /** A static select's or radio buttons' chosen option. */
    public static JsonObject choice(String value) {
        JsonObject v = obj("type", "static_select");
        if (value != null) {
            JsonObject option = obj("value", value);
            option.add("text", obj("type", "plain_text", "text", value));
            v.add("selected_option", option);
        }
        return v;
    }

    public static JsonObject user(String id) {
        JsonObject v = obj("type", "users_select");
        if (id != null) {
            v.addProperty("selected_user", id);
        }
        return v;
    }

    /** A date picker's YYYY-MM-DD. */
    public static JsonObject conversation(String channelId) {
        return obj("type", "conversations_select", "selected_conversation", channelId);
    }

    public static JsonObject date(String yyyyMmDd) {
        JsonObject v = obj("type", "datepicker");
        if (yyyyMmDd != null) {
            v.addProperty("selected_date", yyyyMmDd);
        }
        return v;
    }

    /** A time picker's HH:mm. */
    public static JsonObject time(String hhMm) {
        JsonObject v = obj("type", "timepicker");
        if (hhMm != null) {
            v.addProperty("selected_time", hhMm);
        }
        return v;
    }

    public static JsonObject users(String... ids) {
        JsonObject v = obj("type", "multi_users_select");
        var list = new com.google.gson.JsonArray();
        for (String id : ids) {
            list.add(id);
        }
        v.add("selected_users", list);
        return v;
    }

    /** The errors map of a {@code response_action: errors} ack, or an empty object. */
    public static JsonObject errors(HttpResponse<String> response) {
        if (response.body().isEmpty()) {
            return new JsonObject();
        }
        JsonObject json = com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject();
        return json.has("errors") ? json.getAsJsonObject("errors") : new JsonObject();
    }

    /** Any interactivity payload (block_actions, view_submission, …), sent as Slack sends it: payload=<json>. */
    public HttpResponse<String> interactivity(JsonObject payload) {
        return interactivity(payload, Map.of());
    }

    /** With extra headers, e.g. {@code X-Slack-Retry-Num} for Slack's redelivery of the same payload. */
    public HttpResponse<String> interactivity(JsonObject payload, Map<String, String> headers) {
        return send(formEncode(Map.of("payload", payload.toString())), "application/x-www-form-urlencoded", headers);
    }

    /** An Events API callback wrapping this event. */
    public HttpResponse<String> event(JsonObject event) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("token", "legacy-verification-token");
        envelope.addProperty("team_id", FakeSlack.TEAM);
        envelope.addProperty("api_app_id", "A0DEVLOOP");
        envelope.add("event", event);
        envelope.addProperty("type", "event_callback");
        envelope.addProperty("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        envelope.addProperty("event_time", System.currentTimeMillis() / 1000);
        return send(envelope.toString(), "application/json", Map.of());
    }

    /** Signs with the current time (Bolt checks it against the wall clock). */
    public HttpResponse<String> send(String body, String contentType, Map<String, String> extraHeaders) {
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Slack-Request-Timestamp", ts);
        headers.put("X-Slack-Signature", signer.generate(ts, body));
        headers.putAll(extraHeaders);
        return raw(body, contentType, headers);
    }

    /** No signing: for tests of what happens to unsigned or badly signed requests. */
    public HttpResponse<String> raw(String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    /** The text of an ack's JSON body (what the user sees as the ephemeral answer). */
    public static String ackText(HttpResponse<String> response) {
        if (response.body().isEmpty()) {
            return "";
        }
        var json = com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject();
        return json.has("text") ? json.get("text").getAsString() : "";
    }

    public String sign(String timestamp, String body) {
        return signer.generate(timestamp, body);
    }

    public static String formEncode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private static String newTriggerId() {
        return TRIGGERS.incrementAndGet() + "." + System.nanoTime() + ".0a1b2c3d";
    }

    private static JsonObject obj(String... kv) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < kv.length; i += 2) {
            o.addProperty(kv[i], kv[i + 1]);
        }
        return o;
    }
}
