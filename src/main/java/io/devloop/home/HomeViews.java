package io.devloop.home;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.slack.SlackText;
import io.devloop.tasks.Task;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.conversationsSelect;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The home tab and the two small modals its buttons open. Pure functions of {@link HomeService.Home}. */
public final class HomeViews {
    public static final String PLAN_ACTION = "home.plan.open";
    public static final String TASK_ACTION = "home.task.open";
    /** Handled by the incidents domain: opens its declare form. */
    public static final String DECLARE_INCIDENT_ACTION = "incident_declare_open";
    public static final String PLAN_CALLBACK = "home.plan";
    public static final String TASK_CALLBACK = "home.task";
    public static final String FEATURE = "feature";
    public static final String CHANNEL = "channel";
    private static final DateTimeFormatter VIEWER_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final int TITLE_LIMIT = 150;

    private HomeViews() {
    }

    public static View home(HomeService.Home home) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("devloop"))));
        blocks.add(section(s -> s.text(markdownText("Your tasks, incidents and loops across channels. In any channel,"
                + " `/devloop help` lists every command."))));
        blocks.add(actions(a -> a.blockId("home.actions").elements(List.of(
                button(b -> b.actionId(PLAN_ACTION).text(plainText("Plan a feature")).style("primary")),
                button(b -> b.actionId(TASK_ACTION).text(plainText("Add a task"))),
                button(b -> b.actionId(DECLARE_INCIDENT_ACTION).text(plainText("Declare an incident")).style("danger").value("{}"))))));
        blocks.add(divider());

        blocks.add(header(h -> h.text(plainText("My open tasks (" + home.openTasks() + ")"))));
        if (home.tasks().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("_No open tasks assigned to you._"))));
        }
        for (Task t : home.tasks()) {
            blocks.add(section(s -> s.text(markdownText(taskLine(t, home)))));
        }
        if (home.openTasks() > home.tasks().size()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("+" + (home.openTasks() - home.tasks().size())
                    + " more: `/devloop tasks mine` lists them all.")))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("Due times in your time zone, " + home.zone().getId() + ".")))));
        blocks.add(divider());

        blocks.add(header(h -> h.text(plainText("Open incidents (" + home.incidents().size() + ")"))));
        if (home.incidents().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("_No open incidents that you command or in your channels._"))));
        }
        for (HomeIncident i : home.incidents()) {
            blocks.add(section(s -> s.text(markdownText(incidentLine(i, home)))));
        }
        blocks.add(divider());

        blocks.add(header(h -> h.text(plainText("My loops (" + home.loops().size() + ")"))));
        if (home.loops().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("_No loops yet: plan one with the button above or `/devloop plan <feature>`._"))));
        }
        for (HomeService.LoopScore l : home.loops()) {
            blocks.add(section(s -> s.text(markdownText("*" + l.loop().displayId() + "* "
                    + SlackText.escape(SlackText.truncate(l.loop().feature(), TITLE_LIMIT)) + " · <#" + l.loop().channelId()
                    + "> · completeness " + l.score() + "/100" + (l.passing() ? " :white_check_mark:" : "")))));
        }
        return view(v -> v.type("home").blocks(blocks));
    }

    private static String taskLine(Task t, HomeService.Home home) {
        String due = t.dueAt() == null ? "no due date"
                : (t.isOverdue(home.now()) ? ":warning: *overdue*, was due " : "due ")
                + VIEWER_TIME.format(t.dueAt().atZone(home.zone()));
        return "*" + t.displayId() + "* " + SlackText.escape(SlackText.truncate(t.title(), TITLE_LIMIT)) + "\n"
                + t.tierValue().title() + " · " + t.points() + (t.points() == 1 ? " pt" : " pts") + " · " + due
                + " · <#" + t.channelId() + ">";
    }

    private static String incidentLine(HomeIncident i, HomeService.Home home) {
        String role = home.userId().equals(i.commanderId()) ? "you command it"
                : i.commanderId() == null ? "no commander yet" : "commander <@" + i.commanderId() + ">";
        return "*" + i.displayId() + "* sev" + i.severity() + " · " + SlackText.escape(SlackText.truncate(i.title(), TITLE_LIMIT))
                + "\n" + i.status() + " · " + role + " · <#" + i.channelId() + "> · declared "
                + VIEWER_TIME.format(i.declaredAt().atZone(home.zone()));
    }

    /** Plan a feature from the home tab: its name, and the channel where its loop card goes. */
    public static View planModal() {
        return view(v -> v.type("modal").callbackId(PLAN_CALLBACK)
                .title(viewTitle(t -> t.type("plain_text").text("Plan a feature")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Plan")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        input(i -> i.blockId(FEATURE).label(plainText("Feature"))
                                .element(plainTextInput(p -> p.actionId(FEATURE).maxLength(200)
                                        .placeholder(plainText("Checkout v2"))))),
                        channelInput("The loop card is posted there; the team fills in the phases from it."))));
    }

    /** Add a task from the home tab: a task belongs to a channel, so that comes first. */
    public static View taskChannelModal() {
        return view(v -> v.type("modal").callbackId(TASK_CALLBACK)
                .title(viewTitle(t -> t.type("plain_text").text("Add a task")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Next")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(channelInput("The task is announced there, and its loops can be picked next."))));
    }

    private static LayoutBlock channelInput(String hint) {
        return input(i -> i.blockId(CHANNEL).label(plainText("Channel")).hint(plainText(hint))
                .element(conversationsSelect(c -> c.actionId(CHANNEL).placeholder(plainText("Pick a channel")))));
    }
}
