package io.devloop.tasks;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import org.jdbi.v3.core.Jdbi;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /devloop tasks digest <HH:MM|off>}: sets, shows or turns off the channel's daily digest. The time is in
 * the setter's Slack time zone, which is stored with it. The answer is ephemeral, to whoever typed the command.
 */
public final class DigestHandlers {
    private static final Logger log = LoggerFactory.getLogger(DigestHandlers.class);
    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm", Locale.ENGLISH);
    static final String USAGE = "Usage: `/devloop tasks digest <HH:MM|off>`, e.g. `/devloop tasks digest 09:00` — "
            + "24-hour time in your own time zone (`9am` and `5:30pm` work too). Weekdays only unless you add `daily` "
            + "(`/devloop tasks digest 09:00 daily`). `/devloop tasks digest off` stops it.";

    private final Jdbi jdbi;
    private final DigestSchedule schedule;
    private final UserZones zones;
    private final Clock clock;

    public DigestHandlers(Jdbi jdbi, DigestSchedule schedule, UserZones zones, Clock clock) {
        this.jdbi = jdbi;
        this.schedule = schedule;
        this.zones = zones;
        this.clock = clock;
    }

    /** {@code args} is the text after "digest": a time (optionally followed by daily/weekdays), "off", or nothing. */
    public Response digestCommand(CommandRouter.Call call, SlashCommandContext ctx, String args) {
        String text = args == null ? "" : args.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return ctx.ack(status(call));
        }
        if (text.equals("off")) {
            return ctx.ack(off(call));
        }
        boolean everyDay = false;
        if (text.endsWith(" daily") || text.endsWith(" every day")) {
            everyDay = true;
            text = text.substring(0, text.lastIndexOf(text.endsWith(" daily") ? " daily" : " every day")).strip();
        } else if (text.endsWith(" weekdays")) {
            text = text.substring(0, text.lastIndexOf(" weekdays")).strip();
        }
        Optional<LocalTime> time = DigestTime.parse(text);
        if (time.isEmpty()) {
            return ctx.ack("I can't read `" + SlackText.escape(SlackText.truncate(args.strip(), 40)).replace("`", "'")
                    + "` as a time of day (00:00–23:59).\n" + USAGE);
        }
        return ctx.ack(set(call, time.get(), !everyDay));
    }

    private String set(CommandRouter.Call call, LocalTime time, boolean skipWeekends) {
        ZoneId zone = zones.of(call.teamId(), call.userId());
        Instant now = clock.instant();
        DigestSettings s = new DigestSettings(call.teamId(), call.channelId(), DigestTime.format(time), zone.getId(),
                skipWeekends, call.userId(), now);
        try {
            jdbi.inTransaction(h -> {
                if (!RetryDedupe.firstTime(h, call.teamId(), call.requestKey(), now)) {
                    return false; // a redelivered command: already set, answer the same
                }
                h.attach(DigestDao.class).upsert(s);
                // inside the transaction: if Quartz refuses, the row rolls back; if the commit fails after this,
                // the job finds no settings when it fires and sends nothing
                schedule.schedule(s);
                return true;
            });
        } catch (SchedulerException e) {
            log.error("scheduling the digest of team {} channel {} failed", call.teamId(), call.channelId(), e);
            return ":warning: I couldn't schedule the digest (nothing was saved). Please try again in a minute.";
        }
        return ":white_check_mark: This channel gets the daily tasks digest at *" + s.timeOfDay() + "* (" + zone.getId()
                + ", your time zone), " + days(s) + ". Next one: *" + NEXT.format(DigestSchedule.nextRun(s, now).atZone(zone))
                + "* (" + zone.getId() + "). `/devloop tasks digest off` stops it.";
    }

    /** Row first, then the job: a job left behind by a failure finds no settings and sends nothing. */
    private String off(CommandRouter.Call call) {
        int removed = jdbi.withExtension(DigestDao.class, dao -> dao.delete(call.teamId(), call.channelId()));
        try {
            schedule.cancel(call.teamId(), call.channelId());
        } catch (SchedulerException e) {
            log.warn("deleting the digest job of team {} channel {} failed; it will find no settings", call.teamId(),
                    call.channelId(), e);
        }
        return removed > 0 ? ":white_check_mark: The daily tasks digest of this channel is off."
                : "The daily tasks digest of this channel was already off. " + USAGE;
    }

    private String status(CommandRouter.Call call) {
        return jdbi.withExtension(DigestDao.class, dao -> dao.find(call.teamId(), call.channelId()))
                .map(s -> "This channel gets the daily tasks digest at *" + s.timeOfDay() + "* (" + s.zone() + "), "
                        + days(s) + ", set by <@" + s.setBy() + ">. Next one: *"
                        + NEXT.format(DigestSchedule.nextRun(s, clock.instant()).atZone(s.zoneId())) + "* (" + s.zone()
                        + "). `/devloop tasks digest off` stops it.")
                .orElse("The daily tasks digest is off in this channel. " + USAGE);
    }

    private static String days(DigestSettings s) {
        return s.skipWeekends() ? "Monday to Friday" : "every day";
    }
}
