package io.devloop.slack;

import com.slack.api.bolt.request.Request;
import io.devloop.db.InsertIfAbsent;
import org.jdbi.v3.core.Handle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Slack (or a proxy in between) may deliver one request twice. A request's key is recorded in the same
 * transaction as the request's first write, so a second delivery finds it and does nothing.
 */
public final class RetryDedupe {
    private RetryDedupe() {
    }

    /** A retry resends the same body; a new click or command has a new trigger_id, hence a new body. */
    public static String keyOf(Request<?> request) {
        return "sha256:" + sha256(request.getRequestBodyAsString());
    }

    /** For Events API requests, whose retries carry the same event_id. */
    public static String eventKey(String eventId) {
        return "event:" + eventId;
    }

    /** True the first time a key is seen in a team; false for a repeat (the caller then does nothing). */
    public static boolean firstTime(Handle handle, String teamId, String key, Instant now) {
        return InsertIfAbsent.run(handle.createUpdate("INSERT INTO slack_dedupe (team_id, dedupe_key, created_at) "
                        + "VALUES (:team, :key, :now) ON CONFLICT DO NOTHING")
                .bind("team", teamId).bind("key", key).bind("now", now));
    }

    /** Hex SHA-256 of a text's UTF-8 bytes: a short, fixed-length key for any text. */
    public static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
