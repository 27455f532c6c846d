package io.devloop.loop;

import io.devloop.slack.RetryDedupe;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A loop's pipeline design: read it for the modal, replace it as a whole on save. Plain data in and out. */
public final class PipelineService {
    private final Jdbi jdbi;
    private final LoopCards cards;
    private final Clock clock;

    public PipelineService(Jdbi jdbi, LoopCards cards, Clock clock) {
        this.jdbi = jdbi;
        this.cards = cards;
        this.clock = clock;
    }

    /** What the modal shows: the loop and its saved design, if any. */
    public record Design(Loop loop, Optional<Pipeline> pipeline, List<PipelineStage> stages) {
    }

    public enum SaveResult { SAVED, REPEAT, NO_SUCH_LOOP }

    public Optional<Design> load(String teamId, long loopId) {
        return jdbi.withHandle(h -> h.attach(LoopDao.class).find(teamId, loopId).map(loop -> {
            WalkthroughDao dao = h.attach(WalkthroughDao.class);
            return new Design(loop, dao.pipeline(teamId, loopId), dao.stages(teamId, loopId));
        }));
    }

    /**
     * Replaces the loop's pipeline and stages and queues the card's new state, in one transaction. A loop of
     * another team (a forged or stale id) is {@link SaveResult#NO_SUCH_LOOP} and nothing is written.
     */
    public SaveResult save(String teamId, long loopId, String editorId, PipelineForm.Draft draft, String requestKey) {
        Instant now = clock.instant();
        SaveResult result = jdbi.inTransaction(h -> {
            if (!LoopLocks.lock(h, teamId, loopId)) {
                return SaveResult.NO_SUCH_LOOP;
            }
            if (!RetryDedupe.firstTime(h, teamId, requestKey, now)) {
                return SaveResult.REPEAT;
            }
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
            cards.refresh(h, teamId, loopId);
            return SaveResult.SAVED;
        });
        if (result == SaveResult.SAVED) {
            cards.wake();
        }
        return result;
    }
}
