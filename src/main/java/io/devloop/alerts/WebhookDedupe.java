package io.devloop.alerts;

import io.devloop.db.InsertIfAbsent;
import org.jdbi.v3.core.Handle;

import org.jdbi.v3.core.statement.PreparedBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Webhook deliveries already processed; the key is written in the same transaction as what the delivery stored. */
final class WebhookDedupe {
    static final String ALERTMANAGER = "alertmanager";
    static final String GITHUB = "github";

    private WebhookDedupe() {
    }

    /** A row's primary key, bound as a row value. */
    public record Key(String teamId, String source, String key) {
    }

    /**
     * The alerts of a notification delivered for the first time (by fingerprint + status + startsAt), their keys
     * recorded: one query for the keys already seen, one batch for the new ones. A key a concurrent transaction
     * inserted meanwhile inserts nothing (PostgreSQL) and counts as seen.
     */
    static List<AlertmanagerPayload.Alert> firstTimes(Handle h, String teamId, List<AlertmanagerPayload.Alert> alerts,
                                                      Instant now) {
        Map<String, AlertmanagerPayload.Alert> byKey = new LinkedHashMap<>();
        alerts.forEach(a -> byKey.putIfAbsent(a.dedupeKey(), a));
        if (byKey.isEmpty()) {
            return List.of();
        }
        // whole keys as row values: H2 uses an IN list on the key's last column only as a filter, scanning every key
        // the team has, but looks each row value up in the primary key
        Set<String> seen = new HashSet<>(h.createQuery("""
                        SELECT dedupe_key FROM webhook_dedupe WHERE (team_id, source, dedupe_key) IN (<keys>)""")
                .bindMethodsList("keys", byKey.keySet().stream().map(k -> new Key(teamId, ALERTMANAGER, k)).toList(),
                        List.of("teamId", "source", "key"))
                .mapTo(String.class).list());
        List<String> keys = byKey.keySet().stream().filter(k -> !seen.contains(k)).toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO webhook_dedupe (team_id, source, dedupe_key, received_at)
                VALUES (:teamId, :source, :key, :now) ON CONFLICT DO NOTHING""");
        keys.forEach(k -> batch.bind("teamId", teamId).bind("source", ALERTMANAGER).bind("key", k).bind("now", now).add());
        int[] inserted = batch.execute();
        List<AlertmanagerPayload.Alert> fresh = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (inserted[i] != 0) {
                fresh.add(byKey.get(keys.get(i)));
            }
        }
        return fresh;
    }

    /** True the first time; false for a repeat, which must then change nothing. */
    static boolean firstTime(Handle h, String teamId, String source, String key, Instant now) {
        return InsertIfAbsent.run(h.createUpdate("""
                        INSERT INTO webhook_dedupe (team_id, source, dedupe_key, received_at)
                        VALUES (:teamId, :source, :key, :now) ON CONFLICT DO NOTHING""")
                .bind("teamId", teamId).bind("source", source).bind("key", key).bind("now", now));
    }
}
