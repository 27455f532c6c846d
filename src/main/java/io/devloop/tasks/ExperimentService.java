package io.devloop.tasks;

import io.devloop.loop.Loop;
import io.devloop.loop.LoopDao;
import io.devloop.slack.RetryDedupe;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** A loop's experiment context: read it (for the modal and for task lists) and save it, always within one team. */
public final class ExperimentService {
    private final Jdbi jdbi;
    private final Clock clock;

    public ExperimentService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * The experiment context of a loop of this team, for task lists: empty when none was saved, when every field
     * was left empty, or when the loop is not this team's. Show it with {@link ExperimentViews#summary}.
     */
    public Optional<Experiment> of(String teamId, long loopId) {
        return jdbi.withExtension(ExperimentDao.class, dao -> dao.find(teamId, loopId)).filter(e -> !e.isEmpty());
    }

    /** What the modal shows: the team's loop and what was saved for it; empty when the team has no such loop. */
    public record Editing(Loop loop, Optional<Experiment> saved) {
    }

    public Optional<Editing> editing(String teamId, long loopId) {
        return jdbi.withHandle(h -> h.attach(LoopDao.class).find(teamId, loopId)
                .map(loop -> new Editing(loop, h.attach(ExperimentDao.class).find(teamId, loopId))));
    }

    public enum SaveResult { SAVED, REPEAT, NO_SUCH_LOOP }

    /** Stores the context (the later save wins); a loop of another team writes nothing, a redelivery changes nothing. */
    public SaveResult save(String teamId, long loopId, String editorId, ExperimentForm.Draft d, String requestKey) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            if (h.attach(LoopDao.class).find(teamId, loopId).isEmpty()) {
                return SaveResult.NO_SUCH_LOOP;
            }
            if (!RetryDedupe.firstTime(h, teamId, requestKey, now)) {
                return SaveResult.REPEAT;
            }
            h.attach(ExperimentDao.class).upsert(new Experiment(teamId, loopId, d.hypothesis(), d.primaryMetric(),
                    d.infrastructure(), d.rollbackCriteria(), editorId, now));
            return SaveResult.SAVED;
        });
    }
}
