package io.devloop.tasks;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.loop.Loop;
import io.devloop.slack.Forms;
import io.devloop.slack.SlackText;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The experiment context modal and the short summary task lists show. Pure functions of records. */
public final class ExperimentViews {
    /** The loop card's button (its value is the loop's id). */
    public static final String OPEN_ACTION = "loop.experiment.open";
    public static final String SAVE_CALLBACK = "loop.experiment.save";
    static final int SUMMARY_LIMIT = 3000;
    private static final DateTimeFormatter EDITED = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);

    private ExperimentViews() {
    }

    /** Pre-filled with the saved context; "last edited" is in the viewer's zone (a modal is seen by one person). */
    static View modal(Loop loop, Optional<Experiment> saved, ZoneId viewerZone) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + loop.displayId() + " " + SlackText.escape(SlackText.truncate(loop.feature(), 200))
                + "*\nWhat is this loop's work testing? Task lists of this loop show it."))));
        saved.ifPresent(e -> blocks.add(context(c -> c.elements(List.of(markdownText("Last edited by <@" + e.editedBy() + "> on "
                + EDITED.format(e.editedAt().atZone(viewerZone)) + " (" + viewerZone.getId() + ")"))))));
        Map<Forms.Field, Object> values = ExperimentForm.initialValues(saved);
        ExperimentForm.FIELDS.forEach(f -> blocks.add(Forms.block(f, values.get(f))));
        return view(v -> v.type("modal")
                .callbackId(SAVE_CALLBACK)
                .privateMetadata(Long.toString(loop.id()))
                .title(viewTitle(t -> t.type("plain_text").text(SlackText.truncate("Experiment · " + loop.displayId(), 24))))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /**
     * The experiment in mrkdwn for a task list's section, at most 3000 characters: each field escaped and cut to
     * its share, empty fields left out.
     */
    public static String summary(Experiment e) {
        StringBuilder sb = new StringBuilder("*Experiment*");
        line(sb, "Hypothesis", e.hypothesis(), 900);
        line(sb, "Primary metric", e.primaryMetric(), 400);
        line(sb, "Infrastructure", e.infrastructure(), 700);
        line(sb, "Rollback if", e.rollbackCriteria(), 700);
        return SlackText.truncate(sb.toString(), SUMMARY_LIMIT);
    }

    private static void line(StringBuilder sb, String label, String value, int share) {
        if (value == null || value.isBlank()) {
            return;
        }
        String text = SlackText.truncate(SlackText.escape(SlackText.truncate(value.strip(), share)), share);
        sb.append("\n*").append(label).append(":* ").append(text);
    }
}
