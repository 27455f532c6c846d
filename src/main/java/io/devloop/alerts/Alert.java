package io.devloop.alerts;

import java.time.Duration;
import java.time.Instant;

/** An alert fingerprint's current episode as devloop keeps it: what its message shows. */
public record Alert(long id, String teamId, String fingerprint, long groupId, String channelId, String alertName,
                    String service, String severity, int incidentSeverity, String summary, String labels,
                    String generatorUrl, String runbookUrl, String status, Instant startsAt, Instant endsAt,
                    String incidentRef, String breach, String ackedBy, Instant ackedAt, String silenceNote,
                    String silenceBy, Long messageOutboxId, Long stormOutboxId, Instant updatedAt) {
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public boolean firing() {
        return FIRING.equals(status);
    }

    /** How long it fired; null while it still fires. */
    public Duration duration() {
        return endsAt == null || firing() ? null : Duration.between(startsAt, endsAt);
    }

    Alert withMessage(Long messageOutboxId, Long stormOutboxId) {
        return new Alert(id, teamId, fingerprint, groupId, channelId, alertName, service, severity, incidentSeverity,
                summary, labels, generatorUrl, runbookUrl, status, startsAt, endsAt, incidentRef, breach, ackedBy,
                ackedAt, silenceNote, silenceBy, messageOutboxId, stormOutboxId, updatedAt);
    }

    Alert withId(long id) {
        return new Alert(id, teamId, fingerprint, groupId, channelId, alertName, service, severity, incidentSeverity,
                summary, labels, generatorUrl, runbookUrl, status, startsAt, endsAt, incidentRef, breach, ackedBy,
                ackedAt, silenceNote, silenceBy, messageOutboxId, stormOutboxId, updatedAt);
    }
}
