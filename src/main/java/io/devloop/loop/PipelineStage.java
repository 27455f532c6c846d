package io.devloop.loop;

/** One ordered stage of a pipeline: what runs, how long, the gate to pass, and what a failure does. */
public record PipelineStage(long id, String teamId, long loopId, int position, String name, String whatRuns,
                            String durationText, Long durationMinutes, String gate, String onFailure) {
}
