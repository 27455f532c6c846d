package io.devloop.alerts;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.devloop.server.WebhookServlet.BadRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Alertmanager's webhook body (version 4) completely before anything is stored, so a bad payload is
 * refused as a whole with a 400 naming the problem.
 */
public final class AlertmanagerPayload {
    /** Alertmanager sends this for "no end yet" while an alert fires. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** One notification: a group's alerts as of now. */
    public record Notification(String groupKey, String externalUrl, int truncatedAlerts, List<Alert> alerts) {
    }

    /** One alert with its own status (the top-level status stays "firing" while any alert of the group fires). */
    public record Alert(String fingerprint, boolean firing, Map<String, String> labels, Map<String, String> annotations,
                        Instant startsAt, Instant endsAt, String generatorUrl) {
        public String label(String name) {
            return labels.get(name);
        }

        public String annotation(String name) {
            return annotations.get(name);
        }

        /** Idempotency: a repeat of the same state is the same key; a flapping alert that fires again is new. */
        public String dedupeKey() {
            return fingerprint + "|" + (firing ? "firing" : "resolved") + "|" + startsAt;
        }
    }

    private AlertmanagerPayload() {
    }

    public static Notification parse(byte[] body) {
        JsonObject root = object(body);
        String version = string(root, "version", "");
        if (!version.isEmpty() && !version.equals("4")) {
            throw new BadRequest("unsupported payload version '" + version + "': devloop reads Alertmanager webhook version 4");
        }
        String groupKey = required(root, "groupKey", "the notification");
        JsonElement alerts = root.get("alerts");
        if (alerts == null || !alerts.isJsonArray()) {
            throw new BadRequest("'alerts' must be an array");
        }
        List<Alert> list = new ArrayList<>();
        int i = 0;
        for (JsonElement e : alerts.getAsJsonArray()) {
            if (!e.isJsonObject()) {
                throw new BadRequest("alerts[" + i + "] must be an object");
            }
            list.add(alert(e.getAsJsonObject(), "alerts[" + i + "]"));
            i++;
        }
        int truncated = 0;
        JsonElement t = root.get("truncatedAlerts");
        if (t != null && !t.isJsonNull()) {
            try {
                truncated = Math.max(0, t.getAsInt());
            } catch (RuntimeException ex) {
                throw new BadRequest("'truncatedAlerts' must be a number");
            }
        }
        return new Notification(groupKey, string(root, "externalURL", null), truncated, List.copyOf(list));
    }

    private static Alert alert(JsonObject a, String where) {
        String status = required(a, "status", where);
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new BadRequest(where + ".status must be firing or resolved, got '" + status + "'");
        }
        String fingerprint = required(a, "fingerprint", where);
        if (fingerprint.length() > 64) {
            throw new BadRequest(where + ".fingerprint is longer than 64 characters");
        }
        Map<String, String> labels = strings(a, "labels", where);
        if (labels.get("alertname") == null || labels.get("alertname").isBlank()) {
            throw new BadRequest(where + ".labels.alertname is missing");
        }
        Instant startsAt = time(required(a, "startsAt", where), where + ".startsAt");
        String endsRaw = string(a, "endsAt", null);
        Instant endsAt = endsRaw == null || endsRaw.isEmpty() ? null : time(endsRaw, where + ".endsAt");
        if (endsAt != null && !endsAt.isAfter(ZERO_TIME)) {
            endsAt = null;
        }
        String generator = string(a, "generatorURL", null);
        return new Alert(fingerprint, status.equals("firing"), labels, strings(a, "annotations", where), startsAt, endsAt,
                generator == null || generator.isBlank() ? null : generator);
    }

    static JsonObject object(byte[] body) {
        try {
            JsonElement e = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new BadRequest("the body is not valid JSON: " + rootMessage(e));
        }
    }

    static String string(JsonObject o, String name, String fallback) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive()) {
            throw new BadRequest("'" + name + "' must be a string");
        }
        return e.getAsString();
    }

    private static String required(JsonObject o, String name, String where) {
        String s = string(o, name, null);
        if (s == null || s.isBlank()) {
            throw new BadRequest(where + " has no '" + name + "'");
        }
        return s;
    }

    private static Map<String, String> strings(JsonObject o, String name, String where) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return Map.of();
        }
        if (!e.isJsonObject()) {
            throw new BadRequest(where + "." + name + " must be an object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var entry : e.getAsJsonObject().entrySet()) {
            if (!entry.getValue().isJsonPrimitive()) {
                throw new BadRequest(where + "." + name + "." + entry.getKey() + " must be a string");
            }
            map.put(entry.getKey(), entry.getValue().getAsString());
        }
        return map;
    }

    /** RFC 3339 with any offset; kept to the microsecond, which both databases store. */
    static Instant time(String raw, String where) {
        try {
            return OffsetDateTime.parse(raw).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new BadRequest(where + " is not an RFC 3339 time: '" + raw + "'");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
