package io.devloop.tasks;

import com.slack.api.model.block.LayoutBlock;
import io.devloop.slack.SlackText;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** The reminder DM and what it turns into after a click. Times are in the assignee's zone: it is their DM. */
public final class ReminderViews {
    public static final String DONE_ACTION = "task.reminder.done";
    public static final String SNOOZE_HOUR_ACTION = "task.reminder.snooze1h";
    public static final String SNOOZE_TOMORROW_ACTION = "task.reminder.snooze_tomorrow";
    static final int TITLE_LIMIT = 300;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm z", Locale.ENGLISH);

    private ReminderViews() {
    }

    /** A DM: its notification text and its blocks. */
    public record Message(String text, List<LayoutBlock> blocks) {
    }

    /** "⏰ DO-007 *title* is due in 24 h", with the due time, where it belongs, and Done / Snooze buttons. */
    public static Message reminder(Task task, String loopLabel, ZoneId zone, Instant now) {
        String title = SlackText.escape(SlackText.truncate(task.title(), TITLE_LIMIT));
        String headline = "⏰ " + task.displayId() + " *" + title + "* " + dueness(task.dueAt(), now);
        List<String> facts = new ArrayList<>();
        facts.add("Due " + when(task.dueAt(), zone));
        facts.add("<#" + task.channelId() + ">" + (loopLabel == null ? "" : " · " + SlackText.escape(loopLabel)));
        facts.add(task.points() + (task.points() == 1 ? " point" : " points"));
        facts.add(task.tierValue().title());
        String value = Long.toString(task.id());
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(headline))),
                context(c -> c.elements(List.of(markdownText(String.join(" · ", facts))))),
                actions(a -> a.blockId("task.reminder").elements(List.of(
                        button(b -> b.actionId(DONE_ACTION).text(plainText("Done")).style("primary").value(value)),
                        button(b -> b.actionId(SNOOZE_HOUR_ACTION).text(plainText("Snooze 1 h")).value(value)),
                        button(b -> b.actionId(SNOOZE_TOMORROW_ACTION).text(plainText("Snooze until tomorrow 9:00"))
                                .value(value))))));
        return new Message("⏰ " + task.displayId() + " " + SlackText.truncate(task.title(), TITLE_LIMIT) + " "
                + dueness(task.dueAt(), now), blocks);
    }

    /** The DM after Done: the buttons go, so nobody clicks them again. */
    public static Message done(Task task, String userId, boolean already) {
        String title = SlackText.escape(SlackText.truncate(task.title(), TITLE_LIMIT));
        String line = already
                ? "✅ " + task.displayId() + " *" + title + "* was already done."
                : "✅ Done: " + task.displayId() + " *" + title + "* (marked by <@" + userId + ">).";
        return new Message(line, List.of(section(s -> s.text(markdownText(line)))));
    }

    /** The DM after a snooze: when it comes back. */
    public static Message snoozed(Task task, Instant until, ZoneId zone) {
        String title = SlackText.escape(SlackText.truncate(task.title(), TITLE_LIMIT));
        String line = "😴 " + task.displayId() + " *" + title + "*: snoozed until " + when(until, zone) + ".";
        return new Message(line, List.of(section(s -> s.text(markdownText(line)))));
    }

    /** "is due in 24 h", "is due now", "is overdue by 2 days". */
    static String dueness(Instant due, Instant now) {
        Duration left = Duration.between(now, due);
        if (left.abs().compareTo(Duration.ofMinutes(1)) < 0) {
            return "is due now";
        }
        return left.isNegative() ? "is overdue by " + span(left.negated(), false) : "is due in " + span(left, true);
    }

    /** Rounded to what a person says: "45 min", "24 h", "2 days". Up to a day ahead stays in hours. */
    static String span(Duration d, boolean ahead) {
        long minutes = Math.round(d.toSeconds() / 60.0);
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = Math.round(minutes / 60.0);
        if (hours < 24 || (ahead && hours == 24)) {
            return hours + " h";
        }
        long days = Math.round(hours / 24.0);
        return days == 1 ? "1 day" : days + " days";
    }

    static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }
}
