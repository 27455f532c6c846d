package io.devloop.incidents;

import io.devloop.alerts.AlertEvent;
import io.devloop.alerts.AlertIncidents;
import io.devloop.slack.SlackText;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The incidents side of alert intake: a firing alert whose severity maps to an incident opens one for its
 * Alertmanager group (declared by Alertmanager, started at the alert's {@code startsAt}) or joins the group's open
 * one; a resolved alert adds a timeline entry and offers to resolve the incident. Runs in the ingest transaction.
 */
public final class IncidentAlerts implements AlertIncidents {
    private static final Logger log = LoggerFactory.getLogger(IncidentAlerts.class);

    private final IncidentService incidents;
    private final IncidentReminders reminders;
    private final String alertChannel;
    private final Clock clock;

    public IncidentAlerts(IncidentService incidents, IncidentReminders reminders, String alertChannel, Clock clock) {
        this.incidents = incidents;
        this.reminders = reminders;
        this.alertChannel = alertChannel;
        this.clock = clock;
    }

    @Override
    public Optional<String> firing(Handle h, AlertEvent alert) {
        if (alert.incidentSeverity() < 1 || alert.incidentSeverity() > 4) {
            return Optional.empty();
        }
        String channel = alert.channelId() != null ? alert.channelId() : alertChannel;
        if (channel == null) {
            log.warn("alert {} of group {} would open an incident, but it has no channel (no route, no DEVLOOP_ALERT_CHANNEL)",
                    alert.alertName(), alert.groupKey());
            return Optional.empty();
        }
        Instant now = clock.instant();
        IncidentService.AlertIncident result = incidents.openForAlert(h, new IncidentService.Declaration(alert.teamId(), channel,
                title(alert), alert.service(), Severity.of(alert.incidentSeverity()), description(alert), null,
                Incident.ALERTMANAGER, alert.startsAt(), keyOf(alert.groupKey())), line(alert, "fired"), now);
        if (result.opened()) {
            // planned from now on; the job re-reads the incident, so it also copes with this transaction rolling back
            reminders.schedule(result.incident());
        }
        return Optional.of(result.incident().displayId());
    }

    @Override
    public void resolved(Handle h, AlertEvent alert) {
        if (alert.incidentSeverity() < 1) {
            return; // a warning of the same group never opened the incident; its resolving says nothing about it
        }
        incidents.alertResolved(h, alert.teamId(), keyOf(alert.groupKey()), line(alert, "resolved"),
                !othersFiring(h, alert), clock.instant());
    }

    /** Whether another alert of the group that would open an incident still fires (this one is not updated yet). */
    private static boolean othersFiring(Handle h, AlertEvent alert) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM alerts a JOIN alert_groups g ON g.id = a.group_id AND g.team_id = a.team_id
                        WHERE a.team_id = :team AND g.group_key = :groupKey AND a.status = 'firing'
                        AND a.incident_severity > 0 AND a.fingerprint <> :fingerprint""")
                .bind("team", alert.teamId()).bind("groupKey", alert.groupKey()).bind("fingerprint", alert.fingerprint())
                .mapTo(Long.class).one() > 0;
    }

    /**
     * The incident's key for an Alertmanager group: a SHA-256 of its groupKey, which can be as long as all the labels
     * the route groups by (the incident's key column is short and unique while the incident is open).
     */
    static String keyOf(String groupKey) {
        return "sha256:" + io.devloop.slack.RetryDedupe.sha256(groupKey);
    }

    static String title(AlertEvent alert) {
        String name = alert.alertName() == null ? "Alert" : alert.alertName();
        String title = alert.summary() == null || alert.summary().isBlank() ? name
                : name + ": " + alert.summary();
        return SlackText.truncate(title, IncidentForms.TITLE_MAX);
    }

    private static String description(AlertEvent alert) {
        StringBuilder s = new StringBuilder("Opened automatically by Alertmanager (severity "
                + (alert.severity() == null ? "unknown" : alert.severity()) + ").");
        if (alert.generatorUrl() != null && alert.generatorUrl().startsWith("http")) {
            s.append(" Source: ").append(alert.generatorUrl());
        }
        return s.toString();
    }

    private static String line(AlertEvent alert, String what) {
        return "alert " + SlackText.escape(alert.alertName() == null ? "?" : alert.alertName())
                + (alert.service() == null ? "" : " (" + SlackText.escape(alert.service()) + ")") + " " + what;
    }
}
