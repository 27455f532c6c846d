package io.devloop.incidents;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * One Quartz job per open incident ({@code incident-<team>-<id>}), its data the team and incident id only, with
 * one trigger: the next moment a status update is overdue. Every change replaces the trigger; the job itself
 * re-reads the incident, so a trigger that outlived an update finds the update and moves on.
 */
public final class QuartzIncidentReminders implements IncidentReminders {
    public static final String GROUP = "incident-reminders";
    static final String TEAM = "teamId";
    static final String INCIDENT = "incidentId";

    private final Scheduler scheduler;
    private final UpdateCadence cadence;
    private final Clock clock;

    public QuartzIncidentReminders(Scheduler scheduler, UpdateCadence cadence, Clock clock) {
        this.scheduler = scheduler;
        this.cadence = cadence;
        this.clock = clock;
    }

    public static JobKey jobKey(String teamId, long incidentId) {
        return JobKey.jobKey("incident-" + teamId + "-" + incidentId, GROUP);
    }

    /** When the next reminder is due: one interval after the last update; empty for SEV4 and resolved incidents. */
    Optional<Instant> nextReminder(Incident incident) {
        if (incident.isResolved()) {
            return Optional.empty();
        }
        return cadence.of(incident.severityValue()).map(every -> incident.lastUpdateAt().plus(every));
    }

    @Override
    public void schedule(Incident incident) {
        Optional<Instant> next = nextReminder(incident);
        if (next.isEmpty()) {
            cancel(incident.teamId(), incident.id());
            return;
        }
        at(incident, next.get());
    }

    /** Moves the next reminder to {@code at}, or leaves it where it is when that is later still: a snooze never brings it forward. */
    @Override
    public Instant snooze(Incident incident, Instant at) {
        if (incident.isResolved()) {
            return at;
        }
        try {
            Trigger current = scheduler.getTrigger(triggerKey(incident));
            if (current != null && current.getNextFireTime() != null && current.getNextFireTime().toInstant().isAfter(at)) {
                return current.getNextFireTime().toInstant();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not read the status reminder of " + incident.displayId(), e);
        }
        at(incident, at);
        return at;
    }

    /** After a reminder was posted: the next one an interval from now, replacing the one that just fired. */
    void next(Incident incident, Instant at) {
        if (!incident.isResolved()) {
            at(incident, at);
        }
    }

    private static org.quartz.TriggerKey triggerKey(Incident incident) {
        return org.quartz.TriggerKey.triggerKey("incident-" + incident.teamId() + "-" + incident.id(), GROUP);
    }

    private void at(Incident incident, Instant at) {
        Instant when = at.isBefore(clock.instant()) ? clock.instant() : at;
        try {
            scheduler.scheduleJob(job(incident), java.util.Set.of(trigger(incident, when)), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule the status reminder of " + incident.displayId(), e);
        }
    }

    @Override
    public void cancel(String teamId, long incidentId) {
        try {
            scheduler.deleteJob(jobKey(teamId, incidentId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not cancel the status reminder of incident " + incidentId, e);
        }
    }

    private static JobDetail job(Incident incident) {
        return JobBuilder.newJob(IncidentReminderJob.class)
                .withIdentity(jobKey(incident.teamId(), incident.id()))
                .usingJobData(TEAM, incident.teamId())
                .usingJobData(INCIDENT, incident.id())
                .storeDurably()
                .requestRecovery()
                .build();
    }

    private static Trigger trigger(Incident incident, Instant at) {
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(incident))
                .forJob(jobKey(incident.teamId(), incident.id()))
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }
}
