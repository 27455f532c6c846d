package io.devloop.loop;

import java.time.Instant;

/** Information flowing back from a later phase to an earlier one (or Monitor → Plan). */
public record FeedbackLoop(long id, String teamId, long loopId, String fromPhase, String toPhase, String information,
                           String channel, String speed, String example, String editedBy, Instant editedAt) {
}
