package io.devloop.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A rollback of a service: started, then completed or failed by a click on its notification. */
public record Rollback(long id, String teamId, String channelId, String service, String fromVersion, String toVersion,
                       String reason, String requestedBy, Long incidentId, String status, Instant startedAt,
                       Instant finishedAt, String finishedBy, Long messageOutboxId) {
    public static final String STARTED = "started";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public boolean isFinished() {
        return !STARTED.equals(status);
    }

    public Optional<Duration> duration() {
        return finishedAt == null ? Optional.empty() : Optional.of(Duration.between(startedAt, finishedAt));
    }
}
