package io.devloop.tasks;

import com.slack.api.model.block.LayoutBlock;
import io.devloop.slack.SlackText;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

/**
 * The daily digest of a channel's tasks, a pure function of the tasks, the moment and the digest's zone. "Today"
 * is the calendar day in the digest's zone: <b>Due today</b> holds open tasks due within it (also those whose hour
 * has already passed), <b>Overdue</b> open tasks due on an earlier day, <b>Done yesterday</b> tasks completed
 * the day before (on a Monday of a weekdays-only digest: since Friday, so Friday's work is not skipped). Times are
 * Slack date tokens: a channel has readers in many zones.
 */
public final class DigestViews {
    static final String HEADER = "Daily tasks digest";
    static final int PER_SECTION = 10;
    private static final int TITLE_LIMIT = 150;
    private static final int SECTION_LIMIT = 3000;

    private DigestViews() {
    }

    /** The three lists and the points, as of {@code now} in {@code zone}. */
    record Sections(List<Task> dueToday, List<Task> overdue, List<Task> done, String doneTitle, int burned, int remaining) {
        boolean nothing() {
            return dueToday.isEmpty() && overdue.isEmpty() && done.isEmpty();
        }
    }

    public static List<LayoutBlock> digest(List<Task> tasks, Instant now, ZoneId zone) {
        return digest(tasks, now, zone, false);
    }

    public static List<LayoutBlock> digest(List<Task> tasks, Instant now, ZoneId zone, boolean skipWeekends) {
        Sections s = sections(tasks, now, zone, skipWeekends);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(HEADER, true))));
        if (s.nothing()) {
            blocks.add(section(x -> x.text(markdownText("*Nothing due today* — nothing overdue either, and nothing was "
                    + "done " + s.doneTitle().substring("Done ".length()) + "."))));
        } else {
            addSection(blocks, "Due today", s.dueToday(), false);
            addSection(blocks, "Overdue", s.overdue(), false);
            addSection(blocks, s.doneTitle(), s.done(), true);
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(
                "Points burned " + s.burned() + " · remaining " + s.remaining())))));
        return blocks;
    }

    /** The notification text: what a phone or screen reader says. */
    public static String text(List<Task> tasks, Instant now, ZoneId zone, boolean skipWeekends) {
        Sections s = sections(tasks, now, zone, skipWeekends);
        if (s.nothing()) {
            return HEADER + ": nothing due today";
        }
        return HEADER + ": " + s.dueToday().size() + " due today, " + s.overdue().size() + " overdue, "
                + s.done().size() + " " + s.doneTitle().toLowerCase(java.util.Locale.ROOT);
    }

    static Sections sections(List<Task> tasks, Instant now, ZoneId zone, boolean skipWeekends) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant startOfToday = today.atStartOfDay(zone).toInstant();
        Instant startOfTomorrow = today.plusDays(1).atStartOfDay(zone).toInstant();
        boolean sinceFriday = skipWeekends && today.getDayOfWeek() == DayOfWeek.MONDAY;
        Instant doneFrom = today.minusDays(sinceFriday ? 3 : 1).atStartOfDay(zone).toInstant();

        List<Task> dueToday = pick(tasks, t -> !t.isDone() && t.dueAt() != null
                && !t.dueAt().isBefore(startOfToday) && t.dueAt().isBefore(startOfTomorrow), Task::dueAt);
        List<Task> overdue = pick(tasks, t -> !t.isDone() && t.dueAt() != null && t.dueAt().isBefore(startOfToday), Task::dueAt);
        List<Task> done = pick(tasks, t -> t.isDone() && t.doneAt() != null
                && !t.doneAt().isBefore(doneFrom) && t.doneAt().isBefore(startOfToday), Task::doneAt);
        int burned = tasks.stream().filter(Task::isDone).mapToInt(Task::points).sum();
        int remaining = tasks.stream().filter(t -> !t.isDone()).mapToInt(Task::points).sum();
        return new Sections(dueToday, overdue, done, sinceFriday ? "Done since Friday" : "Done yesterday", burned, remaining);
    }

    private static List<Task> pick(List<Task> tasks, Predicate<Task> which, java.util.function.Function<Task, Instant> order) {
        return tasks.stream().filter(which)
                .sorted(Comparator.comparing(order).thenComparingLong(Task::seq)).toList();
    }

    private static void addSection(List<LayoutBlock> blocks, String title, List<Task> tasks, boolean done) {
        if (tasks.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("*").append(title).append("* · ").append(tasks.size());
        tasks.stream().limit(PER_SECTION).forEach(t -> sb.append('\n').append(line(t, done)));
        if (tasks.size() > PER_SECTION) {
            sb.append("\n_+").append(tasks.size() - PER_SECTION).append(" more — `/devloop tasks` lists them all_");
        }
        String text = SlackText.truncate(sb.toString(), SECTION_LIMIT);
        blocks.add(section(s -> s.text(markdownText(text))));
    }

    /** "DO-007 *title* · 3 pts · <@U123> · due <!date^…>". */
    static String line(Task t, boolean done) {
        StringBuilder sb = new StringBuilder(t.displayId()).append(" *")
                .append(SlackText.escape(SlackText.truncate(SlackText.clean(t.title()), TITLE_LIMIT))).append("* · ")
                .append(t.points()).append(t.points() == 1 ? " pt" : " pts").append(" · ")
                .append(t.assigneeId() == null ? "unassigned" : "<@" + t.assigneeId() + ">");
        Instant when = done ? t.doneAt() : t.dueAt();
        if (when != null) {
            sb.append(done ? " · done " : " · due ").append(slackDate(when));
        }
        return sb.toString();
    }

    /** A time for a channel message, in each reader's own zone. */
    static String slackDate(Instant at) {
        return SlackText.date(at, SlackText.DATE_TIME);
    }
}
