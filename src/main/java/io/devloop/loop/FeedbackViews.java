package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.SlackText;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** Block Kit for feedback loops: the list modal (entries, Add, suggestions) and the entry form. Pure functions. */
public final class FeedbackViews {
    /** Every feedback action and callback id starts with this (STYLE.md: one prefix per domain). */
    public static final String PREFIX = "loop.feedback.";
    public static final String OPEN_ACTION = LoopViews.FEEDBACK_ACTION;
    public static final String ADD_ACTION = PREFIX + "add";
    public static final String EDIT_ACTION = PREFIX + "edit";
    public static final String REMOVE_ACTION = PREFIX + "remove";
    /** Followed by the suggestion's key: action ids must differ within one actions block. */
    public static final String SUGGEST_ACTION = PREFIX + "suggest.";
    public static final String LIST_CALLBACK = PREFIX + "list";
    public static final String FORM_CALLBACK = PREFIX + "entry";

    /** Three blocks per entry; with the fixed blocks this stays well under a modal's 100. */
    static final int MAX_SHOWN = 25;
    private static final int SECTION_LIMIT = 3000;

    private FeedbackViews() {
    }

    /** The list modal of a loop's feedback loops; {@code private_metadata} is the loop's id. */
    public static View list(Loop loop, List<FeedbackLoop> entries) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(intro(loop, entries.size()), SECTION_LIMIT)))));
        blocks.add(actions(a -> a.blockId("feedback.add").elements(List.of(
                button(b -> b.actionId(ADD_ACTION).text(plainText("➕ Add feedback loop")).style("primary")
                        .value(Long.toString(loop.id())))))));
        blocks.add(divider());
        if (entries.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("_No feedback loops yet._ Start from a common one below, or add your own."))));
        }
        for (FeedbackLoop f : entries.stream().limit(MAX_SHOWN).toList()) {
            blocks.add(section(s -> s.blockId("feedback.entry." + f.id()).text(markdownText(describe(f)))));
            blocks.add(actions(a -> a.blockId("feedback.entry.actions." + f.id()).elements(List.of(
                    button(b -> b.actionId(EDIT_ACTION).text(plainText("Edit")).value(Long.toString(f.id()))),
                    removeButton(loop, f)))));
            blocks.add(divider());
        }
        if (entries.size() > MAX_SHOWN) {
            blocks.add(context(c -> c.elements(List.of(markdownText("+" + (entries.size() - MAX_SHOWN)
                    + " more: `/devloop export " + loop.displayId() + "` lists them all.")))));
        }
        List<FeedbackSuggestions.Suggestion> suggestions = FeedbackSuggestions.missingFrom(entries);
        if (!suggestions.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("*Common feedback loops* — click one to start from a pre-filled form:"))));
            blocks.add(actions(a -> a.blockId("feedback.suggestions").elements(suggestionButtons(suggestions))));
        }
        return view(v -> v.type("modal")
                .callbackId(LIST_CALLBACK)
                .privateMetadata(Long.toString(loop.id()))
                .title(viewTitle(t -> t.type("plain_text").text("Feedback loops")))
                .close(viewClose(c -> c.type("plain_text").text("Done")))
                .blocks(blocks));
    }

    /** The entry form, pre-filled with {@code initial}; pushed on top of the list modal. */
    public static View form(Loop loop, FeedbackDraft initial, FeedbackForm.Metadata metadata) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate("*" + loop.displayId() + " · "
                + SlackText.escape(loop.feature()) + "*\nFeedback carries what a later phase learns back to an earlier one"
                + " (Monitor → Plan closes the loop). Say what flows back, how, how fast, and give an example.", SECTION_LIMIT))))));
        FeedbackForm.FIELDS.forEach(f -> blocks.add(Forms.block(f, FeedbackForm.initial(f, initial))));
        return view(v -> v.type("modal")
                .callbackId(FORM_CALLBACK)
                .privateMetadata(metadata.encode())
                .title(viewTitle(t -> t.type("plain_text").text(metadata.entryId() == null ? "Add feedback loop" : "Edit feedback loop")))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Back")))
                .blocks(blocks));
    }

    /** "Monitor → Plan" */
    static String title(FeedbackLoop f) {
        return label(f.fromPhase()) + " → " + label(f.toPhase());
    }

    /** One entry as the list shows it: direction and speed, then what, how and the example, each kept short. */
    static String describe(FeedbackLoop f) {
        String example = f.example() == null || f.example().isBlank()
                ? "_none yet — the score counts a loop as explained only with one_"
                : text(f.example(), 900);
        return SlackText.truncate("*" + title(f) + "* · " + f.speed()
                + "\n*What flows back:* " + text(f.information(), 700)
                + "\n*How:* " + text(f.channel(), 400)
                + "\n*Example:* " + example
                + "\n_edited by <@" + f.editedBy() + ">_", SECTION_LIMIT);
    }

    private static String intro(Loop loop, int count) {
        String progress = count >= Score.LOOPS_WANTED
                ? count + " mapped :white_check_mark:"
                : count + " of " + Score.LOOPS_WANTED + " mapped";
        return "*" + loop.displayId() + " · " + SlackText.escape(SlackText.truncate(loop.feature(), 200)) + "*\n"
                + "Feedback loops carry what later phases learn back to earlier ones. " + progress
                + " — the completeness score wants " + Score.LOOPS_WANTED + ", each with what flows back, how, how fast"
                + " and an example.";
    }

    private static BlockElement removeButton(Loop loop, FeedbackLoop f) {
        return button(b -> b.actionId(REMOVE_ACTION).text(plainText("Remove")).style("danger")
                .value(Long.toString(f.id()))
                .confirm(confirmationDialog(c -> c.title(plainText("Remove feedback loop?"))
                        .text(plainText(SlackText.truncate("“" + title(f) + "” will be removed from " + loop.displayId() + ".", 300)))
                        .confirm(plainText("Remove")).deny(plainText("Keep")).style("danger"))));
    }

    private static List<BlockElement> suggestionButtons(List<FeedbackSuggestions.Suggestion> suggestions) {
        List<BlockElement> buttons = new ArrayList<>();
        for (FeedbackSuggestions.Suggestion s : suggestions) {
            buttons.add(button(b -> b.actionId(SUGGEST_ACTION + s.key()).text(plainText(s.title())).value(s.key())));
        }
        return buttons;
    }

    private static String label(String phaseKey) {
        return phaseKey == null ? "?" : Phase.parse(phaseKey).map(Phase::label).orElse(phaseKey);
    }

    private static String text(String s, int max) {
        return s == null ? "" : SlackText.escape(SlackText.truncate(s, max));
    }
}
