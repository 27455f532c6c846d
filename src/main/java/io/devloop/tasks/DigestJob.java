package io.devloop.tasks;

import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxMessage;
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
 * Posts a channel's daily digest. Carries only the team and channel: the settings and tasks are read when it fires,
 * and a digest turned off meanwhile sends nothing. The post goes through the outbox, so a Slack outage delays it
 * instead of losing it.
 */
@DisallowConcurrentExecution
public final class DigestJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(DigestJob.class);

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;

    public DigestJob(Jdbi jdbi, Outbox outbox, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String teamId = data.getString(DigestSchedule.TEAM);
        String channelId = data.getString(DigestSchedule.CHANNEL);
        Instant now = clock.instant();
        boolean posted = jdbi.inTransaction(h -> {
            Optional<DigestSettings> settings = h.attach(DigestDao.class).find(teamId, channelId);
            if (settings.isEmpty()) {
                return false; // turned off after this run was already due
            }
            DigestSettings s = settings.get();
            var tasks = h.attach(TaskDao.class).inChannel(teamId, channelId);
            outbox.post(h, OutboxMessage.of(teamId, channelId,
                    DigestViews.text(tasks, now, s.zoneId(), s.skipWeekends()),
                    DigestViews.digest(tasks, now, s.zoneId(), s.skipWeekends()))
                    .requestedBy(s.setBy())); // told by DM if it can never be delivered (e.g. not_in_channel)
            return true;
        });
        if (posted) {
            outbox.wake();
            log.info("task digest queued for team {} channel {}", teamId, channelId);
        }
    }
}
