package io.devloop.loop;

import io.devloop.db.SqlErrors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.util.List;
import java.util.Optional;

/** Saving a phase's answers: the current answer (later save wins), the history of every save, the card. */
public final class PhaseService {
    private final Jdbi jdbi;
    private final LoopCards cards;

    public PhaseService(Jdbi jdbi, LoopCards cards) {
        this.jdbi = jdbi;
        this.cards = cards;
    }

    /** False when the loop is not in this team (nothing is saved). */
    public boolean save(PhaseAnswer answer) {
        boolean saved = jdbi.inTransaction(h -> {
            if (h.attach(LoopDao.class).find(answer.teamId(), answer.loopId()).isEmpty()) {
                return false;
            }
            // the current row first: its lock orders concurrent saves, so history ids follow the same order
            upsert(h.attach(WalkthroughDao.class), answer);
            h.attach(WalkthroughDao.class).insertPhaseHistory(answer);
            cards.refresh(h, answer.teamId(), answer.loopId());
            return true;
        });
        if (saved) {
            cards.wake();
        }
        return saved;
    }

    public Optional<PhaseAnswer> current(String teamId, long loopId, Phase phase) {
        return jdbi.withExtension(WalkthroughDao.class, dao -> dao.phase(teamId, loopId, phase.key()));
    }

    public List<PhaseAnswer> history(String teamId, long loopId, Phase phase) {
        return jdbi.withExtension(WalkthroughDao.class, dao -> dao.phaseHistory(teamId, loopId, phase.key()));
    }

    /** Portable upsert: UPDATE, else INSERT … ON CONFLICT DO NOTHING, else a concurrent insert won: UPDATE it. */
    private static void upsert(WalkthroughDao dao, PhaseAnswer answer) {
        if (dao.updatePhase(answer) == 1) {
            return;
        }
        int inserted;
        try {
            inserted = dao.insertPhase(answer);
        } catch (UnableToExecuteStatementException e) {
            // H2 reports the race as a unique violation where PostgreSQL waits and does nothing
            if (!SqlErrors.isUniqueViolation(e)) {
                throw e;
            }
            inserted = 0;
        }
        if (inserted == 0) {
            dao.updatePhase(answer);
        }
    }

    public Optional<Loop> loop(String teamId, long loopId) {
        return jdbi.withExtension(LoopDao.class, dao -> dao.find(teamId, loopId));
    }
}
