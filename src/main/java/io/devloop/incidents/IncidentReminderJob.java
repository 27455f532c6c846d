package io.devloop.incidents;

import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A status-update reminder firing: re-reads the incident. Resolved, or SEV4 now: nothing. Updated since the
 * trigger was planned: plans the next one from that update. Otherwise the commander is reminded in the card's
 * thread, and the next reminder follows one interval later (until someone posts an update).
 */
@DisallowConcurrentExecution
public final class IncidentReminderJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(IncidentReminderJob.class);

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final UpdateCadence cadence;
    private final MeterRegistry registry;
    private final Clock clock;

    public IncidentReminderJob(Jdbi jdbi, Outbox outbox, UpdateCadence cadence, MeterRegistry registry, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.cadence = cadence;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        QuartzIncidentReminders reminders = new QuartzIncidentReminders(context.getScheduler(), cadence, clock);
        JobDataMap data = context.getMergedJobDataMap();
        String teamId = data.getString(QuartzIncidentReminders.TEAM);
        long incidentId = data.getLong(QuartzIncidentReminders.INCIDENT);
        Instant now = clock.instant();
        // decided and posted under the incident's row lock: a resolve either came first (nothing is posted) or waits
        Outcome outcome = jdbi.inTransaction(h -> {
            Optional<Incident> found = h.attach(IncidentDao.class).lock(teamId, incidentId);
            if (found.isEmpty() || reminders.nextReminder(found.get()).isEmpty()) {
                return new Outcome(found.orElse(null), false, false);
            }
            Incident incident = found.get();
            if (reminders.nextReminder(incident).get().isAfter(now.plusSeconds(1))) {
                return new Outcome(incident, true, false); // an update came in since this was planned
            }
            if (incident.cardOutboxId() != null) {
                IncidentViews.Card reminder = IncidentViews.updateReminder(incident, now);
                outbox.post(h, OutboxMessage.of(teamId, incident.channelId(), reminder.text(), reminder.blocks())
                        .inThreadOf(incident.cardOutboxId()));
            }
            return new Outcome(incident, true, true);
        });
        if (!outcome.stillApplies()) {
            log.info("status reminder of incident {} team={} no longer applies", incidentId, teamId);
            reminders.cancel(teamId, incidentId); // durable jobs would otherwise stay behind
            return;
        }
        Incident incident = outcome.incident();
        if (!outcome.posted()) {
            reminders.schedule(incident);
            return;
        }
        outbox.wake();
        Counter.builder("devloop.incident.reminders").description("status-update reminders posted to incident threads")
                .tag("severity", incident.severityValue().label()).register(registry).increment();
        log.info("status reminder of {} team={} posted", incident.displayId(), teamId);
        // the next one an interval later, unless it was resolved meanwhile (a resolve cancels, and must stay cancelled)
        jdbi.useTransaction(h -> h.attach(IncidentDao.class).lock(teamId, incidentId)
                .filter(i -> !i.isResolved())
                .ifPresent(i -> cadence.of(i.severityValue()).ifPresent(every -> reminders.next(i, now.plus(every)))));
    }

    /** What the locked read decided: whether a reminder still applies to the incident, and whether one was posted. */
    private record Outcome(Incident incident, boolean stillApplies, boolean posted) {
    }
}
