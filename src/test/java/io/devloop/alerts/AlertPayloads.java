package io.devloop.alerts;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alertmanager webhook v4 bodies built in tests, shaped like the captured fixtures. */
final class AlertPayloads {
    static final String STARTS = "2026-11-25T15:32:11.252701196Z";

    private AlertPayloads() {
    }

    /** One alert: fingerprint, status, labels (alertname first), startsAt. */
    record A(String fingerprint, String status, Map<String, String> labels, String startsAt, String endsAt) {
        static A firing(String fingerprint, String... labelPairs) {
            return new A(fingerprint, "firing", AlertPayloads.labels(labelPairs), STARTS, "0001-01-01T00:00:00Z");
        }

        A resolved(String endsAt) {
            return new A(fingerprint, "resolved", labels, startsAt, endsAt);
        }

        A startingAt(String startsAt) {
            return new A(fingerprint, status, labels, startsAt, endsAt);
        }
    }

    static Map<String, String> labels(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static String notification(String groupKey, int truncated, List<A> alerts) {
        JsonObject root = new JsonObject();
        root.addProperty("receiver", "devloop");
        root.addProperty("status", alerts.stream().anyMatch(a -> a.status().equals("firing")) ? "firing" : "resolved");
        JsonArray list = new JsonArray();
        for (A a : alerts) {
            JsonObject o = new JsonObject();
            o.addProperty("status", a.status());
            JsonObject labels = new JsonObject();
            a.labels().forEach(labels::addProperty);
            o.add("labels", labels);
            JsonObject annotations = new JsonObject();
            annotations.addProperty("summary", a.labels().get("alertname") + " on " + a.labels().getOrDefault("instance", a.fingerprint()));
            o.add("annotations", annotations);
            o.addProperty("startsAt", a.startsAt());
            o.addProperty("endsAt", a.endsAt());
            o.addProperty("generatorURL", "http://prometheus.example.internal:9090/graph?g0.expr=up&g0.tab=1");
            o.addProperty("fingerprint", a.fingerprint());
            list.add(o);
        }
        root.add("alerts", list);
        root.add("groupLabels", new JsonObject());
        root.add("commonLabels", new JsonObject());
        root.add("commonAnnotations", new JsonObject());
        root.addProperty("externalURL", "http://alertmanager.example.internal:9093");
        root.addProperty("version", "4");
        root.addProperty("groupKey", groupKey);
        root.addProperty("truncatedAlerts", truncated);
        return root.toString();
    }
}
