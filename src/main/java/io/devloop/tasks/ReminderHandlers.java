package io.devloop.tasks;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.Replies;
import io.devloop.slack.Teams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The reminder DM's buttons. The change (task done, snooze trigger) is made before the ack, a few ms; the DM
 * is rewritten through the click's response_url after it. Done counts from whoever clicks (like
 * {@code /devloop task done}, anyone may complete a task); Snooze only from the current assignee, since it
 * moves their reminder: an old DM of a reassigned task cannot snooze the new assignee.
 */
public final class ReminderHandlers {
    private static final Logger log = LoggerFactory.getLogger(ReminderHandlers.class);
    static final Duration SNOOZE_SHORT = Duration.ofHours(1);
    static final int SNOOZE_UNTIL_HOUR = 9;

    private final TaskService tasks;
    private final QuartzTaskReminders reminders;
    private final UserZones zones;
    private final Clock clock;

    public ReminderHandlers(TaskService tasks, QuartzTaskReminders reminders, UserZones zones, Clock clock) {
        this.tasks = tasks;
        this.reminders = reminders;
        this.zones = zones;
        this.clock = clock;
    }

    public void register(App app) {
        app.blockAction(ReminderViews.DONE_ACTION, (req, ctx) -> done(app, req, ctx));
        app.blockAction(ReminderViews.SNOOZE_HOUR_ACTION, (req, ctx) -> snooze(app, req, ctx, false));
        app.blockAction(ReminderViews.SNOOZE_TOMORROW_ACTION, (req, ctx) -> snooze(app, req, ctx, true));
    }

    private Response done(App app, BlockActionRequest req, ActionContext ctx) {
        String teamId = Teams.of(req, ctx);
        String userId = req.getPayload().getUser().getId();
        Optional<Task> task = taskOf(teamId, req);
        if (task.isEmpty()) {
            return tell(app, ctx, "That task no longer exists.");
        }
        TaskService.Change change = tasks.complete(teamId, task.get().seq(), userId); // cancels its reminders
        log.info("reminder done team={} task={} by={} change={}", teamId, task.get().displayId(), userId, change);
        return replace(app, ctx, ReminderViews.done(task.get(), userId, change == TaskService.Change.ALREADY));
    }

    private Response snooze(App app, BlockActionRequest req, ActionContext ctx, boolean untilTomorrow) {
        String teamId = Teams.of(req, ctx);
        String userId = req.getPayload().getUser().getId();
        Optional<Task> found = taskOf(teamId, req);
        if (found.isEmpty()) {
            return tell(app, ctx, "That task no longer exists.");
        }
        Task task = found.get();
        if (task.isDone()) {
            return replace(app, ctx, ReminderViews.done(task, userId, true));
        }
        if (!userId.equals(task.assigneeId())) {
            return tell(app, ctx, task.displayId() + (task.assigneeId() == null ? " has no assignee now"
                    : " is assigned to <@" + task.assigneeId() + "> now") + ", so only they can snooze its reminders.");
        }
        ZoneId zone = zones.of(teamId, userId);
        Instant now = clock.instant();
        Instant until = untilTomorrow ? tomorrowAt9(now, zone) : now.plus(SNOOZE_SHORT);
        reminders.snooze(task, until);
        return replace(app, ctx, ReminderViews.snoozed(task, until, zone));
    }

    /** 09:00 on the next calendar day in the zone, also when it is still before 9 today; DST-correct. */
    static Instant tomorrowAt9(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate().plusDays(1).atTime(SNOOZE_UNTIL_HOUR, 0).atZone(zone).toInstant();
    }

    private Optional<Task> taskOf(String teamId, BlockActionRequest req) {
        String value = req.getPayload().getActions().get(0).getValue();
        try {
            return tasks.byId(teamId, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Rewrites the reminder DM in place, after the ack. */
    private static Response replace(App app, ActionContext ctx, ReminderViews.Message message) {
        Replies.later(app, ctx, r -> r.replaceOriginal(true).text(message.text()).blocks(message.blocks()));
        return ctx.ack();
    }

    /** A note only the clicker sees; the DM stays as it is. */
    private static Response tell(App app, ActionContext ctx, String text) {
        Replies.tell(app, ctx, text);
        return ctx.ack();
    }
}
