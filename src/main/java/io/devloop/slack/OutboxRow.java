package io.devloop.slack;

import java.time.Instant;

/** One row of the outbox table. */
public record OutboxRow(long id, String teamId, String channelId, String kind, String text, String blocks,
                        Long refId, String refTs, String requesterId, boolean anchor, String status, int attempts,
                        Instant nextAttemptAt, String claimedBy, Instant claimExpiresAt, String messageTs,
                        String lastError, Instant createdAt, Instant sentAt) {
    public static final String POST = "post";
    public static final String UPDATE = "update";

    public boolean isUpdate() {
        return UPDATE.equals(kind);
    }
}
