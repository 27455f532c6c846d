package io.devloop.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** An incident row. {@code declaredBy} is a user id, or {@link #ALERTMANAGER} for an auto-incident. */
public record Incident(long id, String teamId, long seq, String channelId, String title, String service, int severity,
                       String status, String description, String commanderId, String declaredBy, Instant startedAt,
                       Instant declaredAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
                       Instant lastUpdateAt, Long cardOutboxId, Long mirrorOutboxId, String alertKey, String openAlertKey,
                       Instant updatedAt) {
    public static final String ALERTMANAGER = "alertmanager";
    /** Seed targets (ARCHITECTURE "Incident times"): detection within 5 minutes, recovery within 15. */
    public static final Duration MTTD_TARGET = Duration.ofMinutes(5);
    public static final Duration MTTR_TARGET = Duration.ofMinutes(15);

    public String displayId() {
        return IncidentIds.format(seq);
    }

    public Severity severityValue() {
        return Severity.of(severity);
    }

    public IncidentStatus statusValue() {
        return IncidentStatus.of(status);
    }

    public boolean isResolved() {
        return statusValue() == IncidentStatus.RESOLVED;
    }

    /** Who a status-update reminder is for: the commander, else whoever declared it (if a person did). */
    public Optional<String> owner() {
        if (commanderId != null) {
            return Optional.of(commanderId);
        }
        return ALERTMANAGER.equals(declaredBy) ? Optional.empty() : Optional.of(declaredBy);
    }

    /** Time to detect: declared − started. */
    public Optional<Duration> mttd() {
        return between(startedAt, declaredAt);
    }

    /** Time to acknowledge: acknowledged − declared. */
    public Optional<Duration> mtta() {
        return between(declaredAt, acknowledgedAt);
    }

    /** Time to restore: resolved − started. */
    public Optional<Duration> mttr() {
        return between(startedAt, resolvedAt);
    }

    private static Optional<Duration> between(Instant from, Instant to) {
        return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to).abs());
    }
}
