package io.devloop.tasks;

import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TimeZone;

/**
 * The digests' Quartz side: one durable job per channel whose cron trigger fires at the set time in the setter's
 * zone (Quartz follows DST). Job data is the team and channel only; {@link DigestJob} re-reads the settings.
 */
public final class DigestSchedule {
    static final String GROUP = "task-digest";
    static final String TEAM = "teamId";
    static final String CHANNEL = "channelId";

    private final Scheduler scheduler;

    public DigestSchedule(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static JobKey jobKey(String teamId, String channelId) {
        return JobKey.jobKey("digest-" + teamId + "-" + channelId, GROUP);
    }

    public static TriggerKey triggerKey(String teamId, String channelId) {
        return TriggerKey.triggerKey("digest-" + teamId + "-" + channelId, GROUP);
    }

    /** "0 0 9 ? * MON-FRI": seconds, minutes, hours, any day of month, every month, weekdays (or every day). */
    static String cron(DigestSettings s) {
        return "0 " + s.time().getMinute() + " " + s.time().getHour() + " ? * " + (s.skipWeekends() ? "MON-FRI" : "*");
    }

    /** Creates the channel's job, or replaces its trigger when the time, zone or weekend rule changed. */
    public void schedule(DigestSettings s) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(DigestJob.class)
                .withIdentity(jobKey(s.teamId(), s.channelId()))
                .usingJobData(TEAM, s.teamId())
                .usingJobData(CHANNEL, s.channelId())
                .storeDurably()
                .build();
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(s.teamId(), s.channelId()))
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron(s))
                        .inTimeZone(TimeZone.getTimeZone(s.zoneId()))
                        // a digest missed while devloop was down is sent once on start, not once per missed day
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        scheduler.scheduleJob(job, Set.of(trigger), true);
    }

    /** Deletes the channel's job and its trigger; nothing to do when there is none. */
    public void cancel(String teamId, String channelId) throws SchedulerException {
        scheduler.deleteJob(jobKey(teamId, channelId));
    }

    /** When the digest fires next after {@code after}: the same cron expression and zone as the trigger. */
    public static Instant nextRun(DigestSettings s, Instant after) {
        try {
            CronExpression cron = new CronExpression(cron(s));
            cron.setTimeZone(TimeZone.getTimeZone(s.zoneId()));
            return cron.getNextValidTimeAfter(Date.from(after)).toInstant();
        } catch (ParseException e) {
            throw new IllegalStateException("digest cron expression " + cron(s) + " does not parse", e);
        }
    }
}
