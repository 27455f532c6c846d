package io.devloop.tasks;

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
import java.time.ZoneId;
import java.util.Optional;

/**
 * One reminder firing: re-reads the task (the job holds only its team and id) and, if the reminder still
 * applies, queues the DM to the assignee in the outbox. One task's reminders never run at the same time
 * (also across nodes), so a due and a catch-up reminder cannot race.
 */
@DisallowConcurrentExecution
public final class TaskReminderJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(TaskReminderJob.class);

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final UserZones zones;
    private final MeterRegistry registry;
    private final Clock clock;

    public TaskReminderJob(Jdbi jdbi, Outbox outbox, UserZones zones, MeterRegistry registry, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.zones = zones;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap(); // a recovering fire carries the original trigger's data too
        String teamId = data.getString(QuartzTaskReminders.TEAM);
        long taskId = data.getLong(QuartzTaskReminders.TASK);
        Optional<ReminderKind> kind = ReminderKind.parse(data.getString(QuartzTaskReminders.KIND));
        long plannedDue = data.containsKey(QuartzTaskReminders.PLANNED_DUE) ? data.getLong(QuartzTaskReminders.PLANNED_DUE) : -1;
        Instant now = clock.instant();
        Optional<Task> found = jdbi.withExtension(TaskDao.class, dao -> dao.find(teamId, taskId));
        if (found.isEmpty() || kind.isEmpty() || !applies(found.get(), kind.get(), plannedDue, now)) {
            log.info("reminder {} of task {} team={} no longer applies; nothing sent",
                    kind.map(ReminderKind::key).orElse("?"), taskId, teamId);
            return;
        }
        Task task = found.get();
        ZoneId zone = zones.of(teamId, task.assigneeId());
        ReminderViews.Message dm = ReminderViews.reminder(task, loopLabel(task), zone, now);
        jdbi.useTransaction(h -> outbox.post(h, OutboxMessage.of(teamId, task.assigneeId(), dm.text(), dm.blocks())));
        outbox.wake();
        Counter.builder("devloop.reminders.fired").description("task reminders sent to assignees")
                .tag("kind", kind.get().key()).register(registry).increment();
        log.info("reminder {} of {} team={} queued for {}", kind.get().key(), task.displayId(), teamId, task.assigneeId());
    }

    /**
     * Whether a reminder planned for {@code plannedDue} still makes sense now: the task is open, has an assignee,
     * its due time has not changed since (a reschedule replaces the triggers; this catches one that fired in
     * between), and a "before" reminder is not later than the due time itself.
     */
    static boolean applies(Task task, ReminderKind kind, long plannedDue, Instant now) {
        if (task.isDone() || task.assigneeId() == null || task.dueAt() == null
                || task.dueAt().toEpochMilli() != plannedDue) {
            return false;
        }
        return switch (kind) {
            case BEFORE -> now.isBefore(task.dueAt());
            case OVERDUE -> !now.isBefore(task.dueAt());
            case DUE, SNOOZE -> true;
        };
    }

    private String loopLabel(Task task) {
        if (task.loopId() == null) {
            return null;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT seq, feature FROM loops WHERE team_id = :team AND id = :id")
                .bind("team", task.teamId()).bind("id", task.loopId())
                .map((rs, ctx) -> "L-" + rs.getLong("seq") + " " + rs.getString("feature"))
                .findOne().orElse(null));
    }
}
