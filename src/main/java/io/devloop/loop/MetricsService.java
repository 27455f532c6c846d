package io.devloop.loop;

import io.devloop.slack.RetryDedupe;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A loop's success metrics and DORA notes: read them for the modal, replace them as a whole on save. */
public final class MetricsService {
    private final Jdbi jdbi;
    private final LoopCards cards;
    private final Clock clock;

    public MetricsService(Jdbi jdbi, LoopCards cards, Clock clock) {
        this.jdbi = jdbi;
        this.cards = cards;
        this.clock = clock;
    }

    /** What the modal shows: the loop, its metrics (technical and business) and DORA notes. */
    public record Saved(Loop loop, List<SuccessMetric> metrics, Optional<DoraNotes> dora) {
        List<SuccessMetric> metrics(String kind) {
            return metrics.stream().filter(m -> m.kind().equals(kind)).toList();
        }
    }

    public enum SaveResult { SAVED, REPEAT, NO_SUCH_LOOP }

    public Optional<Saved> load(String teamId, long loopId) {
        return jdbi.withHandle(h -> h.attach(LoopDao.class).find(teamId, loopId).map(loop -> {
            WalkthroughDao dao = h.attach(WalkthroughDao.class);
            return new Saved(loop, dao.metrics(teamId, loopId), dao.dora(teamId, loopId));
        }));
    }

    /** Replaces the loop's metrics and DORA notes and queues the card's new state, in one transaction. */
    public SaveResult save(String teamId, long loopId, String editorId, MetricsForm.Draft draft, String requestKey) {
        Instant now = clock.instant();
        SaveResult result = jdbi.inTransaction(h -> {
            if (!LoopLocks.lock(h, teamId, loopId)) {
                return SaveResult.NO_SUCH_LOOP;
            }
            if (!RetryDedupe.firstTime(h, teamId, requestKey, now)) {
                return SaveResult.REPEAT;
            }
            WalkthroughDao dao = h.attach(WalkthroughDao.class);
            dao.deleteMetrics(teamId, loopId);
            insert(dao, teamId, loopId, SuccessMetric.TECHNICAL, draft.technical());
            insert(dao, teamId, loopId, SuccessMetric.BUSINESS, draft.business());
            dao.deleteDora(teamId, loopId);
            MetricsForm.DoraDraft d = draft.dora();
            if (d != null) {
                dao.insertDora(new DoraNotes(teamId, loopId, d.leadTime(), d.deployedSmoothly(), d.notes(), editorId, now));
            }
            cards.refresh(h, teamId, loopId);
            return SaveResult.SAVED;
        });
        if (result == SaveResult.SAVED) {
            cards.wake();
        }
        return result;
    }

    private static void insert(WalkthroughDao dao, String teamId, long loopId, String kind, List<MetricsForm.MetricDraft> metrics) {
        int position = 1;
        for (MetricsForm.MetricDraft m : metrics) {
            ThresholdParser.Threshold t = m.threshold();
            dao.insertMetric(new SuccessMetric(0, teamId, loopId, kind, position++, m.name(), m.target(), m.measuredBy(),
                    m.thresholdText(), t == null ? null : t.metric(), t == null ? null : t.comparator(),
                    t == null ? null : t.value(), t == null ? null : t.unit()));
        }
    }
}
