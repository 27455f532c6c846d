package io.devloop.incidents;

import java.time.Instant;

/** One line of an incident's timeline. {@code actorId} is null when devloop itself wrote it (alerts). */
public record TimelineEntry(long id, String teamId, long incidentId, String kind, String actorId, String text, Instant at) {
    public static final String DECLARED = "declared";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String SEVERITY = "severity";
    public static final String UPDATE = "update";
    public static final String STATUS = "status";
    public static final String ROLLBACK = "rollback";
    public static final String MITIGATED = "mitigated";
    public static final String RESOLVED = "resolved";
    public static final String ALERT = "alert";
    public static final String LEARNING = "learning";
}
