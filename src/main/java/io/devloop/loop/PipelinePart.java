package io.devloop.loop;

import com.slack.api.model.view.View;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pipeline design: `/devloop pipeline`, the card's Pipeline button, and its modal. */
final class PipelinePart implements LoopPart<PipelinePart.Design, PipelineForm.Draft> {

    /** What the modal shows: the loop and its saved design, if any. */
    record Design(Loop loop, Optional<Pipeline> pipeline, List<PipelineStage> stages) {
    }

    @Override
    public String subcommand() {
        return "pipeline";
    }

    @Override
    public String buttonAction() {
        return LoopViews.PIPELINE_ACTION;
    }

    @Override
    public String saveCallback() {
        return PipelineViews.SAVE_CALLBACK;
    }

    @Override
    public String errorField() {
        return PipelineForm.TRIGGER.id();
    }

    @Override
    public Design load(Handle h, Loop loop) {
        WalkthroughDao dao = h.attach(WalkthroughDao.class);
        return new Design(loop, dao.pipeline(loop.teamId(), loop.id()), dao.stages(loop.teamId(), loop.id()));
    }

    @Override
    public View modal(Design saved) {
        return PipelineViews.modal(saved);
    }

    @Override
    public Reading<PipelineForm.Draft> read(View submitted) {
        return PipelineForm.read(submitted);
    }

    @Override
    public void replace(Handle h, String teamId, long loopId, String editorId, PipelineForm.Draft draft, Instant now) {
        WalkthroughDao dao = h.attach(WalkthroughDao.class);
        dao.deleteStages(teamId, loopId);
        dao.deletePipeline(teamId, loopId);
        dao.insertPipeline(new Pipeline(teamId, loopId, draft.trigger(), draft.notifications(), draft.verification(),
                draft.rollback(), draft.canaryPercent(), draft.canaryWatchMinutes(), draft.targetText(),
                draft.targetMinutes(), editorId, now));
        int position = 1;
        for (PipelineForm.StageDraft s : draft.stages()) {
            dao.insertStage(new PipelineStage(0, teamId, loopId, position++, s.name(), s.whatRuns(), s.durationText(),
                    s.durationMinutes(), s.gate(), s.onFailure()));
        }
    }
}
