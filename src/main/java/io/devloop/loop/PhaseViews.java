package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.slack.SlackText;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The phase modal: guidance, the form pre-filled with the saved answer, and who edited it last. */
final class PhaseViews {
    static final String CALLBACK = "loop.phase";
    private static final int TITLE_LIMIT = 24;

    private PhaseViews() {
    }

    static View modal(Loop loop, Phase phase, PhaseAnswer saved) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate("*" + (phase.ordinal() + 1) + " · " + phase.label()
                + "* for *" + loop.displayId() + " " + SlackText.escape(loop.feature()) + "*", 3000)))));
        blocks.add(context(c -> c.elements(List.of(markdownText(PhaseGuide.of(phase))))));
        blocks.addAll(PhaseForm.inputs(saved));
        if (saved != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Last edited by <@" + saved.editedBy() + "> "
                    + LoopViews.slackDate(saved.editedAt()))))));
        }
        return view(v -> v.type("modal")
                .callbackId(CALLBACK)
                .privateMetadata(metadata(loop.id(), phase))
                .title(viewTitle(t -> t.type("plain_text").text(SlackText.truncate(phase.label() + " · " + loop.displayId(), TITLE_LIMIT))))
                .submit(viewSubmit(t -> t.type("plain_text").text("Save")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    static String metadata(long loopId, Phase phase) {
        return loopId + ":" + phase.key();
    }

    /** The loop id and phase a submitted phase modal was for; empty when the metadata is not ours. */
    static java.util.Optional<Target> target(String metadata) {
        if (metadata == null) {
            return java.util.Optional.empty();
        }
        String[] parts = metadata.split(":", 2);
        try {
            return parts.length == 2
                    ? Phase.parse(parts[1]).map(p -> new Target(Long.parseLong(parts[0]), p))
                    : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    record Target(long loopId, Phase phase) {
    }
}
