package io.devloop.loop;

import java.time.Instant;

/** The CI/CD pipeline design of a loop; its stages are {@link PipelineStage} rows. */
public record Pipeline(String teamId, long loopId, String triggerText, String notifications, String verification,
                       String rollbackStrategy, Integer canaryPercent, Long canaryWatchMinutes, String targetText,
                       Long targetMinutes, String editedBy, Instant editedAt) {
}
