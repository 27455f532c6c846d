package io.devloop.tasks;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A task's reminders as one durable Quartz job ({@code task-<team>-<id>} in {@value #GROUP}) whose data is the
 * team and task id only, with one trigger per {@link ReminderKind}. Each trigger also carries the due time it
 * was planned for, so one that outlived a change (a reschedule racing a fire) recognises itself as stale.
 * <p>
 * After downtime every missed reminder fires once on start, not once per missed period: one-shot triggers
 * use "fire now"; the daily overdue trigger "now with remaining count", where missed days count toward the 7.
 * Quartz calls a trigger misfired only when it is more than {@code misfireThreshold} (60 s, see Scheduling)
 * late; anything less late simply fires at once.
 */
public final class QuartzTaskReminders implements TaskReminders {
    private static final Logger log = LoggerFactory.getLogger(QuartzTaskReminders.class);
    public static final String GROUP = "task-reminders";
    public static final int MAX_OVERDUE = 7;
    static final Duration DAY = Duration.ofDays(1);
    static final String TEAM = "teamId";
    static final String TASK = "taskId";
    /** Trigger data: the task's due time (epoch ms) the trigger was planned for, and its kind. */
    static final String PLANNED_DUE = "plannedDue";
    static final String KIND = "kind";

    private final Scheduler scheduler;
    private final Clock clock;

    public QuartzTaskReminders(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public static JobKey jobKey(String teamId, long taskId) {
        return JobKey.jobKey("task-" + teamId + "-" + taskId, GROUP);
    }

    public static TriggerKey triggerKey(String teamId, long taskId, ReminderKind kind) {
        return TriggerKey.triggerKey("task-" + teamId + "-" + taskId + "-" + kind.key(), GROUP);
    }

    /** One trigger to be: its first moment and how many times it repeats a day later. */
    record Planned(ReminderKind kind, Instant at, int repeats) {
    }

    /**
     * The reminders an open task with an assignee and a due time has from {@code now} on. Moments already past
     * are skipped, not sent late; past overdue days count toward the {@value #MAX_OVERDUE} (a reopened task
     * that is 3 days overdue gets 4 more).
     */
    static List<Planned> plan(Task task, Instant now) {
        if (task.isDone() || task.assigneeId() == null || task.dueAt() == null) {
            return List.of();
        }
        Instant due = task.dueAt();
        List<Planned> plan = new ArrayList<>();
        leadTime(task.remindBefore()).map(due::minus).filter(at -> !at.isBefore(now))
                .ifPresent(at -> plan.add(new Planned(ReminderKind.BEFORE, at, 0)));
        if (!due.isBefore(now)) {
            plan.add(new Planned(ReminderKind.DUE, due, 0));
        }
        int day = 1;
        while (day <= MAX_OVERDUE && due.plus(DAY.multipliedBy(day)).isBefore(now)) {
            day++;
        }
        if (day <= MAX_OVERDUE) {
            plan.add(new Planned(ReminderKind.OVERDUE, due.plus(DAY.multipliedBy(day)), MAX_OVERDUE - day));
        }
        return plan;
    }

    static Optional<Duration> leadTime(String remindBefore) {
        return switch (remindBefore == null ? "none" : remindBefore) {
            case "1h" -> Optional.of(Duration.ofHours(1));
            case "24h" -> Optional.of(Duration.ofHours(24));
            default -> Optional.empty();
        };
    }

    /** Replaces every trigger of the task (an earlier snooze too) with those its current state asks for. */
    @Override
    public void schedule(Task task) {
        JobKey key = jobKey(task.teamId(), task.id());
        List<Planned> plan = plan(task, clock.instant());
        try {
            if (plan.isEmpty()) {
                scheduler.deleteJob(key);
                return;
            }
            Set<Trigger> triggers = new HashSet<>();
            for (Planned p : plan) {
                triggers.add(trigger(task, p));
            }
            scheduler.scheduleJob(job(task), triggers, true);
            // replace=true keeps triggers that the new plan lacks; those go now (and if this is cut short,
            // a stale trigger finds its planned due time changed and sends nothing)
            Set<TriggerKey> keep = new HashSet<>();
            triggers.forEach(t -> keep.add(t.getKey()));
            for (Trigger old : scheduler.getTriggersOfJob(key)) {
                if (!keep.contains(old.getKey())) {
                    scheduler.unscheduleJob(old.getKey());
                }
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule the reminders of " + task.displayId(), e);
        }
    }

    @Override
    public void cancel(String teamId, long taskId) {
        try {
            scheduler.deleteJob(jobKey(teamId, taskId));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not cancel the reminders of task " + taskId, e);
        }
    }

    /** One more reminder at {@code at}, replacing an earlier snooze; the task's other reminders stay. */
    public void snooze(Task task, Instant at) {
        if (task.dueAt() == null) {
            return; // nothing to be reminded of; the job would send nothing anyway
        }
        try {
            scheduler.scheduleJob(job(task), Set.of(trigger(task, new Planned(ReminderKind.SNOOZE, at, 0))), true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not snooze the reminder of " + task.displayId(), e);
        }
        log.info("reminder of {} team={} snoozed until {}", task.displayId(), task.teamId(), at);
    }

    private static JobDetail job(Task task) {
        return JobBuilder.newJob(TaskReminderJob.class)
                .withIdentity(jobKey(task.teamId(), task.id()))
                .usingJobData(TEAM, task.teamId())
                .usingJobData(TASK, task.id())
                .storeDurably()
                // a node that dies mid-reminder hands it to another (at worst one duplicate DM, never none)
                .requestRecovery()
                .build();
    }

    private static Trigger trigger(Task task, Planned p) {
        SimpleScheduleBuilder schedule = p.kind() == ReminderKind.OVERDUE
                ? SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(DAY.toMillis())
                        .withRepeatCount(p.repeats())
                        .withMisfireHandlingInstructionNowWithRemainingCount()
                : SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow();
        return TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(task.teamId(), task.id(), p.kind()))
                .forJob(jobKey(task.teamId(), task.id()))
                .usingJobData(KIND, p.kind().key())
                .usingJobData(PLANNED_DUE, task.dueAt().toEpochMilli())
                .startAt(Date.from(p.at()))
                .withSchedule(schedule)
                .build();
    }
}
