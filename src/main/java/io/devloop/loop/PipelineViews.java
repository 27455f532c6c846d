package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The pipeline design modal, pre-filled with the saved design. A pure function of records. */
public final class PipelineViews {
    public static final String SAVE_CALLBACK = "loop.pipeline.save";

    private PipelineViews() {
    }

    static View modal(PipelinePart.Design design) {
        Loop loop = design.loop();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(LoopModals.loopLine(loop) + "\nHow a commit gets to production: "
                + "what starts the pipeline, its stages and their gates, who hears about it, what proves a release "
                + "is healthy, and how a bad one is rolled back."))));
        design.pipeline().ifPresent(p -> blocks.add(context(c -> c.elements(List.of(markdownText(
                "Last saved by <@" + p.editedBy() + "> " + LoopViews.slackDate(p.editedAt())))))));
        blocks.addAll(LoopModals.inputs(PipelineForm.FIELDS, PipelineForm.initialValues(design.pipeline(), design.stages())));
        return LoopModals.modal(SAVE_CALLBACK, loop, "Pipeline · " + loop.displayId(), blocks);
    }
}
