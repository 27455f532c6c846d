package io.devloop.alerts;

import io.devloop.db.InsertIfAbsent;
import org.jdbi.v3.core.Handle;

import java.time.Instant;

/** Webhook deliveries already processed; the key is written in the same transaction as what the delivery stored. */
final class WebhookDedupe {
    static final String ALERTMANAGER = "alertmanager";
    static final String GITHUB = "github";

    private WebhookDedupe() {
    }

    /** True the first time; false for a repeat, which must then change nothing. */
    static boolean firstTime(Handle h, String teamId, String source, String key, Instant now) {
        return InsertIfAbsent.run(h.createUpdate("""
                        INSERT INTO webhook_dedupe (team_id, source, dedupe_key, received_at)
                        VALUES (:teamId, :source, :key, :now) ON CONFLICT DO NOTHING""")
                .bind("teamId", teamId).bind("source", source).bind("key", key).bind("now", now));
    }
}
