package io.devloop.tasks;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.loop.Loop;
import io.devloop.slack.Forms;
import io.devloop.slack.Forms.Choice;
import io.devloop.slack.Forms.Field;
import io.devloop.slack.SlackText;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The add-task modal's fields, in one place: the modal's inputs and the reading of its submission come from here. */
record TaskForm(String title, Long loopId, Tier tier, Integer points, String assigneeId, LocalDate dueDate,
                LocalTime dueTime, String remindBefore, String steps, String successCriteria) {

    static final List<Integer> POINTS = List.of(1, 2, 3, 5, 8, 13);
    /** A due date without a time means the end of the working day. */
    static final LocalTime DEFAULT_DUE_TIME = LocalTime.of(17, 0);

    static final Field TITLE = Field.text("task_title", "Title", 300, false, "e.g. Add a canary stage to the pipeline", null);
    static final Field TIER = Field.select("task_tier", "Tier", false,
            Arrays.stream(Tier.values()).map(t -> new Choice(t.key(), t.title())).toList(), null);
    static final Field POINTS_FIELD = Field.select("task_points", "Story points", false,
            POINTS.stream().map(p -> new Choice(Integer.toString(p), Integer.toString(p))).toList(), null);
    static final Field ASSIGNEE = Field.user("task_assignee", "Assignee", false, "Reminders go to this person by DM");
    static final Field DUE_DATE = Field.date("task_due_date", "Due date", true, "In the assignee's time zone");
    static final Field DUE_TIME = Field.time("task_due_time", "Due time", true, "Defaults to 17:00 when only a date is given");
    static final Field REMIND = Field.radio("task_remind", "Remind the assignee before it is due", false, List.of(
            new Choice("24h", "24 hours before"), new Choice("1h", "1 hour before"), new Choice("none", "Only when due")), null);
    static final Field STEPS = Field.multiline("task_steps", "Sub-steps", 3000, true, "One per line", null);
    static final Field SUCCESS = Field.multiline("task_success", "Success criteria", 2000, true,
            "How we know it is done, e.g. canary gate blocks a bad build in staging", null);

    /** The loop select lists the channel's loops; it is left out when the channel has none. */
    static Field loopField(List<Loop> loops) {
        return Field.select("task_loop", "Loop", true, loops.stream().limit(100)
                .map(l -> new Choice(Long.toString(l.id()), SlackText.truncate(l.displayId() + " " + l.feature(), 75))).toList(),
                "The feature this task belongs to");
    }

    static List<LayoutBlock> inputs(String title, List<Loop> loops, String creatorId) {
        return inputs(new TaskForm(title, null, null, null, creatorId, null, null, "24h", null, null), loops);
    }

    /** The form pre-filled with a saved task; its due date and time are shown in the zone they were picked in. */
    static List<LayoutBlock> inputs(Task t, List<Loop> loops) {
        java.time.ZonedDateTime due = t.dueAt() == null ? null
                : t.dueAt().atZone(java.time.ZoneId.of(t.dueZone() == null ? "UTC" : t.dueZone()));
        return inputs(new TaskForm(t.title(), t.loopId(), t.tierValue(), t.points(), t.assigneeId(),
                due == null ? null : due.toLocalDate(), due == null ? null : due.toLocalTime(), t.remindBefore(),
                t.steps(), t.successCriteria()), loops);
    }

    private static List<LayoutBlock> inputs(TaskForm f, List<Loop> loops) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(Forms.block(TITLE, f.title()));
        if (!loops.isEmpty()) {
            blocks.add(Forms.block(loopField(loops), f.loopId() == null ? null : Long.toString(f.loopId())));
        }
        blocks.add(Forms.block(TIER, f.tier() == null ? null : f.tier().key()));
        blocks.add(Forms.block(POINTS_FIELD, f.points() == null ? null : Integer.toString(f.points())));
        blocks.add(Forms.block(ASSIGNEE, f.assigneeId()));
        blocks.add(Forms.block(DUE_DATE, f.dueDate() == null ? null : f.dueDate().toString()));
        blocks.add(Forms.block(DUE_TIME, f.dueTime() == null ? null : f.dueTime().toString()));
        blocks.add(Forms.block(REMIND, f.remindBefore()));
        blocks.add(Forms.block(STEPS, f.steps()));
        blocks.add(Forms.block(SUCCESS, f.successCriteria()));
        return blocks;
    }

    static TaskForm from(View view) {
        String loop = Forms.choice(view, loopField(List.of()));
        String points = Forms.choice(view, POINTS_FIELD);
        return new TaskForm(Forms.text(view, TITLE), loop == null ? null : parseLong(loop),
                Tier.parse(nullToEmpty(Forms.choice(view, TIER))).orElse(null),
                points == null ? null : parseInt(points), Forms.user(view, ASSIGNEE),
                parseDate(Forms.date(view, DUE_DATE)), parseTime(Forms.time(view, DUE_TIME)),
                Forms.choice(view, REMIND), Forms.text(view, STEPS), Forms.text(view, SUCCESS));
    }

    /** Inline errors by field id; empty when the task can be created. */
    Map<String, String> validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        Forms.require(TITLE, title, errors);
        Forms.require(STEPS, steps, errors);
        Forms.require(SUCCESS, successCriteria, errors);
        if (tier == null) {
            errors.put(TIER.id(), "Pick a tier.");
        }
        if (points == null || !POINTS.contains(points)) {
            errors.put(POINTS_FIELD.id(), "Pick story points: 1, 2, 3, 5, 8 or 13.");
        }
        if (assigneeId == null) {
            errors.put(ASSIGNEE.id(), "Who does it? Reminders go to the assignee.");
        }
        if (dueTime != null && dueDate == null) {
            errors.put(DUE_DATE.id(), "Pick a date for that time, or clear the time.");
        }
        if (remindBefore == null || !List.of("none", "1h", "24h").contains(remindBefore)) {
            errors.put(REMIND.id(), "Pick when to remind.");
        }
        return errors;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static LocalDate parseDate(String s) {
        try {
            return s == null ? null : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime parseTime(String s) {
        try {
            return s == null ? null : LocalTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
