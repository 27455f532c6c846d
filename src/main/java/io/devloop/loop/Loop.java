package io.devloop.loop;

import java.time.Instant;

/** A DevOps loop: one feature mapped through the eight phases, owned by the person who planned it. */
public record Loop(long id, String teamId, long seq, String channelId, String feature, String featureKey,
                   String ownerId, String service, Long cardOutboxId, Instant createdAt, Instant updatedAt) {

    /** The id people type and read: L-1, L-2, … per team. */
    public String displayId() {
        return "L-" + seq;
    }
}
