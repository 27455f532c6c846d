package io.devloop.loop;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.Teams;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Slack in, service call, ack: `/devloop metrics`, the card's Success metrics button and the metrics modal's Save. */
public final class MetricsHandlers {
    private static final Logger log = LoggerFactory.getLogger(MetricsHandlers.class);
    static final String USAGE = "/devloop metrics %s";

    private final Jdbi jdbi;
    private final MetricsService metrics;

    public MetricsHandlers(Jdbi jdbi, LoopCards cards, Clock clock) {
        this.jdbi = jdbi;
        this.metrics = new MetricsService(jdbi, cards, clock);
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("metrics", (call, ctx) -> command(app, call, ctx));
        app.blockAction(LoopViews.METRICS_ACTION, (req, ctx) -> button(app, req, ctx));
        app.viewSubmission(MetricsViews.SAVE_CALLBACK, this::save);
    }

    private Response command(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        var resolution = LoopRefs.resolve(jdbi, call.teamId(), call.channelId(), call.args(), USAGE);
        if (resolution instanceof LoopRefs.Resolution.Problem problem) {
            return ctx.ack(problem.message());
        }
        Loop loop = ((LoopRefs.Resolution.Found) resolution).loop();
        open(app, ctx.client(), call.triggerId(), call.teamId(), loop.id());
        return ctx.ack();
    }

    private Response button(App app, BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        LoopModals.loopId(payload.getActions().get(0).getValue())
                .ifPresent(id -> open(app, ctx.client(), payload.getTriggerId(), Teams.of(req, ctx), id));
        return ctx.ack();
    }

    /** A loop of another team (or a deleted one) opens nothing: {@code load} is scoped to the team. */
    private void open(App app, com.slack.api.methods.MethodsClient client, String triggerId, String teamId, long loopId) {
        LoopModals.open(app, client, triggerId, "the metrics of loop " + loopId,
                () -> metrics.load(teamId, loopId).map(MetricsViews::modal));
    }

    private Response save(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var view = req.getPayload().getView();
        var submission = MetricsForm.read(view);
        if (submission instanceof MetricsForm.Submission.Invalid invalid) {
            return ctx.ack(r -> r.responseAction("errors").errors(invalid.errors()));
        }
        var draft = ((MetricsForm.Submission.Valid) submission).draft();
        Optional<Long> loopId = LoopModals.loopId(view.getPrivateMetadata());
        MetricsService.SaveResult result;
        try {
            result = loopId.isEmpty() ? MetricsService.SaveResult.NO_SUCH_LOOP
                    : metrics.save(Teams.of(req, ctx), loopId.get(), ctx.getRequestUserId(), draft, RetryDedupe.keyOf(req));
        } catch (RuntimeException e) {
            log.error("saving the metrics of loop {} for team {} failed", loopId.orElse(null), Teams.of(req, ctx), e);
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(MetricsForm.TECHNICAL.id(),
                    "Saving failed on our side; nothing was stored. Please try again in a moment.")));
        }
        if (result == MetricsService.SaveResult.NO_SUCH_LOOP) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(MetricsForm.TECHNICAL.id(),
                    "This loop is not in this workspace (any more), so nothing was saved.")));
        }
        return ctx.ack(); // closes the modal; the card's new state goes out through the outbox
    }
}
