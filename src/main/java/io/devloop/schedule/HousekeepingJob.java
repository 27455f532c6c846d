package io.devloop.schedule;

import org.jdbi.v3.core.Jdbi;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Trims the tables that only grow: retry-dedupe keys (kept a day, Slack retries within minutes), webhook
 * delivery keys (30 days) and
 * delivered outbox rows (kept a week for support; anchors, the messages later rows update, stay). Cross-team by nature, like the outbox claim query.
 */
@DisallowConcurrentExecution
public final class HousekeepingJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(HousekeepingJob.class);
    static final JobKey KEY = JobKey.jobKey("housekeeping", "devloop");
    static final Duration DEDUPE_RETENTION = Duration.ofHours(24);
    static final Duration OUTBOX_RETENTION = Duration.ofDays(7);
    /** GitHub lets people redeliver a webhook by hand for weeks; alert repeats are also caught by the alert's own row. */
    static final Duration WEBHOOK_DEDUPE_RETENTION = Duration.ofDays(30);

    private final Jdbi jdbi;

    public HousekeepingJob(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Idempotent across restarts and nodes: the job is stored once, under a fixed key. */
    public static void schedule(Scheduler scheduler) throws SchedulerException {
        if (scheduler.checkExists(KEY)) {
            return;
        }
        scheduler.scheduleJob(
                JobBuilder.newJob(HousekeepingJob.class).withIdentity(KEY).storeDurably().build(),
                TriggerBuilder.newTrigger().withIdentity("housekeeping", "devloop")
                        .withSchedule(CronScheduleBuilder.cronSchedule("0 7/10 * * * ?")
                                .withMisfireHandlingInstructionDoNothing())
                        .build());
    }

    @Override
    public void execute(JobExecutionContext context) {
        Instant now = Instant.now();
        int dedupe = jdbi.withHandle(h -> h.createUpdate("DELETE FROM slack_dedupe WHERE created_at < :cutoff")
                .bind("cutoff", now.minus(DEDUPE_RETENTION)).execute());
        int outbox = jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM outbox WHERE status IN ('sent', 'superseded') AND NOT anchor AND created_at < :cutoff")
                .bind("cutoff", now.minus(OUTBOX_RETENTION)).execute());
        int webhooks = jdbi.withHandle(h -> h.createUpdate("DELETE FROM webhook_dedupe WHERE received_at < :cutoff")
                .bind("cutoff", now.minus(WEBHOOK_DEDUPE_RETENTION)).execute());
        log.info("housekeeping removed {} dedupe keys, {} webhook delivery keys and {} delivered outbox rows", dedupe,
                webhooks, outbox);
    }
}
