package io.devloop.tasks;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.loop.Loop;
import io.devloop.slack.SlackText;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** Block Kit for tasks: the add modal, the ephemeral list, and the channel announcements. */
final class TaskViews {
    static final String ADD_CALLBACK = "task.add";
    static final String EDIT_CALLBACK = "task.edit";
    static final String DONE_ACTION = "task.list.done";
    static final String REOPEN_ACTION = "task.list.reopen";
    /** A list is an ephemeral message: 50 blocks at most, so it shows this many tasks and says how many more. */
    static final int LIST_LIMIT = 40;
    private static final DateTimeFormatter VIEWER_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private TaskViews() {
    }

    static View addModal(String channelId, String title, List<Loop> loops, String creatorId) {
        return view(v -> v.type("modal")
                .callbackId(ADD_CALLBACK)
                .privateMetadata(channelId)
                .title(viewTitle(t -> t.type("plain_text").text("Add a task")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Add")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(TaskForm.inputs(title, loops, creatorId)));
    }

    static View editModal(Task task, List<Loop> loops) {
        return view(v -> v.type("modal")
                .callbackId(EDIT_CALLBACK)
                .privateMetadata(Long.toString(task.id()))
                .title(viewTitle(t -> t.type("plain_text").text("Edit " + task.displayId())))
                .submit(viewSubmit(t -> t.type("plain_text").text("Save")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(TaskForm.inputs(task, loops)));
    }

    /**
     * The list a viewer asked for, grouped by tier, with due times in the viewer's own zone and a Done or Reopen
     * button per task; {@code scope} travels in the buttons so the refreshed list shows the same tasks.
     */
    static List<LayoutBlock> list(String heading, List<Task> tasks, ZoneId viewerZone, Instant now, String scope,
                                  String experiment) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + heading + "*"))));
        if (experiment != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate(experiment, 3000))))));
        }
        if (tasks.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("No tasks here yet. Add one with `/devloop task add <title>`."))));
            return blocks;
        }
        int shown = 0;
        for (Tier tier : Tier.values()) {
            List<Task> ofTier = tasks.stream().filter(t -> t.tierValue() == tier).toList();
            if (ofTier.isEmpty() || shown >= LIST_LIMIT) {
                continue;
            }
            blocks.add(section(s -> s.text(markdownText("*" + tier.title() + "*"))));
            for (Task t : ofTier) {
                if (shown++ >= LIST_LIMIT) {
                    break;
                }
                blocks.add(taskLine(t, viewerZone, now, scope));
            }
        }
        int done = tasks.stream().filter(Task::isDone).mapToInt(Task::points).sum();
        int remaining = tasks.stream().filter(t -> !t.isDone()).mapToInt(Task::points).sum();
        String more = tasks.size() > LIST_LIMIT ? " · +" + (tasks.size() - LIST_LIMIT) + " more not shown" : "";
        blocks.add(context(c -> c.elements(List.of(markdownText("Points done *" + done + "* · remaining *" + remaining
                + "* · due times in your time zone (" + viewerZone.getId() + ")" + more)))));
        return blocks;
    }

    private static LayoutBlock taskLine(Task t, ZoneId viewerZone, Instant now, String scope) {
        StringBuilder line = new StringBuilder(t.isDone() ? ":white_check_mark: ~" : "")
                .append("`").append(t.displayId()).append("` *").append(SlackText.escape(SlackText.truncate(t.title(), 200))).append("*")
                .append(t.isDone() ? "~" : "")
                .append(" · ").append(t.points()).append(t.points() == 1 ? " pt" : " pts");
        if (t.assigneeId() != null) {
            line.append(" · <@").append(t.assigneeId()).append(">");
        }
        if (t.dueAt() != null) {
            line.append(" · due ").append(VIEWER_TIME.format(t.dueAt().atZone(viewerZone)));
            if (t.isOverdue(now)) {
                line.append(" :warning: *overdue*");
            }
        }
        int steps = t.stepList().size();
        if (steps > 0) {
            line.append("\n").append(steps).append(steps == 1 ? " sub-step" : " sub-steps");
        }
        String value = t.id() + "|" + scope;
        return section(s -> s.text(markdownText(SlackText.truncate(line.toString(), 3000)))
                .accessory(t.isDone()
                        ? button(b -> b.actionId(REOPEN_ACTION).text(plainText("Reopen")).value(SlackText.truncate(value, 2000)))
                        : button(b -> b.actionId(DONE_ACTION).text(plainText("Done")).style("primary").value(SlackText.truncate(value, 2000)))));
    }

    /** The channel message when a task is added: times as Slack date tokens, so each reader sees their own zone. */
    static String added(Task t, String loopName) {
        StringBuilder sb = new StringBuilder(":memo: <@").append(t.createdBy()).append("> added `").append(t.displayId())
                .append("` *").append(SlackText.escape(SlackText.truncate(t.title(), 300))).append("* · ")
                .append(t.tierValue().title()).append(" · ").append(t.points()).append(t.points() == 1 ? " pt" : " pts");
        if (t.assigneeId() != null) {
            sb.append(" · for <@").append(t.assigneeId()).append(">");
        }
        if (t.dueAt() != null) {
            sb.append(" · due ").append(slackDate(t.dueAt()));
        }
        if (loopName != null) {
            sb.append(" · ").append(SlackText.escape(SlackText.truncate(loopName, 200)));
        }
        return sb.toString();
    }

    static String completed(Task t, String userId) {
        return ":white_check_mark: <@" + userId + "> completed `" + t.displayId() + "` *"
                + SlackText.escape(SlackText.truncate(t.title(), 300)) + "* (" + t.points() + (t.points() == 1 ? " pt)" : " pts)");
    }

    /** A time for a channel message, in each reader's own zone. */
    static String slackDate(Instant at) {
        return SlackText.date(at, SlackText.DATE_TIME);
    }
}
