package io.devloop.loop;

import com.slack.api.model.view.View;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Success metrics and DORA notes: `/devloop metrics`, the card's Success metrics button, and its modal. */
final class MetricsPart implements LoopPart<MetricsPart.Saved, MetricsForm.Draft> {

    /** What the modal shows: the loop, its metrics (technical and business) and DORA notes. */
    record Saved(Loop loop, List<SuccessMetric> metrics, Optional<DoraNotes> dora) {
        List<SuccessMetric> metrics(String kind) {
            return metrics.stream().filter(m -> m.kind().equals(kind)).toList();
        }
    }

    @Override
    public String subcommand() {
        return "metrics";
    }

    @Override
    public String buttonAction() {
        return LoopViews.METRICS_ACTION;
    }

    @Override
    public String saveCallback() {
        return MetricsViews.SAVE_CALLBACK;
    }

    @Override
    public String errorField() {
        return MetricsForm.TECHNICAL.id();
    }

    @Override
    public Saved load(Handle h, Loop loop) {
        WalkthroughDao dao = h.attach(WalkthroughDao.class);
        return new Saved(loop, dao.metrics(loop.teamId(), loop.id()), dao.dora(loop.teamId(), loop.id()));
    }

    @Override
    public View modal(Saved saved) {
        return MetricsViews.modal(saved);
    }

    @Override
    public Reading<MetricsForm.Draft> read(View submitted) {
        return MetricsForm.read(submitted);
    }

    @Override
    public void replace(Handle h, String teamId, long loopId, String editorId, MetricsForm.Draft draft, Instant now) {
        WalkthroughDao dao = h.attach(WalkthroughDao.class);
        dao.deleteMetrics(teamId, loopId);
        insert(dao, teamId, loopId, SuccessMetric.TECHNICAL, draft.technical());
        insert(dao, teamId, loopId, SuccessMetric.BUSINESS, draft.business());
        dao.deleteDora(teamId, loopId);
        MetricsForm.DoraDraft d = draft.dora();
        if (d != null) {
            dao.insertDora(new DoraNotes(teamId, loopId, d.leadTime(), d.deployedSmoothly(), d.notes(), editorId, now));
        }
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
