package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

/** The success metrics modal, pre-filled with the saved metrics and DORA notes. A pure function of records. */
public final class MetricsViews {
    public static final String SAVE_CALLBACK = "loop.metrics.save";

    private MetricsViews() {
    }

    static View modal(MetricsPart.Saved saved) {
        Loop loop = saved.loop();
        var values = MetricsForm.initialValues(saved.metrics(SuccessMetric.TECHNICAL), saved.metrics(SuccessMetric.BUSINESS),
                saved.dora());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(LoopModals.loopLine(loop) + "\nHow will you know the feature works? "
                + "Technical metrics with the threshold that should raise an alert, business metrics with their "
                + "target, and what the release taught you about delivery (DORA)."))));
        blocks.addAll(LoopModals.inputs(List.of(MetricsForm.TECHNICAL, MetricsForm.BUSINESS), values));
        blocks.add(section(s -> s.text(markdownText("*DORA notes for this feature*"))));
        saved.dora().ifPresent(d -> blocks.add(context(c -> c.elements(List.of(markdownText(
                "Last saved by <@" + d.editedBy() + "> " + LoopViews.slackDate(d.editedAt())))))));
        blocks.addAll(LoopModals.inputs(List.of(MetricsForm.LEAD_TIME, MetricsForm.SMOOTH, MetricsForm.NOTES), values));
        return LoopModals.modal(SAVE_CALLBACK, loop, "Metrics · " + loop.displayId(), blocks);
    }
}
