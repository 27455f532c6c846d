package io.devloop.loop;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything a loop holds, read in one go: what the card, the score and the export are computed from. */
public record LoopSnapshot(Loop loop, Map<Phase, PhaseAnswer> phases, List<FeedbackLoop> feedback,
                           Optional<Pipeline> pipeline, List<PipelineStage> stages, List<SuccessMetric> metrics,
                           Optional<DoraNotes> dora) {

    public List<SuccessMetric> metrics(String kind) {
        return metrics.stream().filter(m -> m.kind().equals(kind)).toList();
    }
}
