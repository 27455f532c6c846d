package io.devloop.tasks;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.SlackText;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.Modals;
import io.devloop.slack.Teams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/** The loop card's Experiment button opens the experiment context modal, pre-filled; Save stores it. */
public final class ExperimentHandlers {
    private static final Logger log = LoggerFactory.getLogger(ExperimentHandlers.class);

    private final ExperimentService experiments;
    private final UserZones zones;

    public ExperimentHandlers(ExperimentService experiments, UserZones zones) {
        this.experiments = experiments;
        this.zones = zones;
    }

    public void register(App app) {
        app.blockAction(ExperimentViews.OPEN_ACTION, (req, ctx) -> open(app, req, ctx));
        app.viewSubmission(ExperimentViews.SAVE_CALLBACK, this::save);
    }

    /** Loading, the viewer's zone (users.info) and views.open happen after the ack; another team's loop opens nothing. */
    private Response open(App app, BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        String teamId = Teams.of(req, ctx);
        String userId = payload.getUser().getId();
        Optional<Long> loopId = SlackText.id(payload.getActions().get(0).getValue());
        String triggerId = payload.getTriggerId();
        loopId.ifPresent(id -> Modals.openAfterAck(app, ctx.client(), triggerId, "the experiment of loop " + id + " (team " + teamId + ")",
                () -> experiments.editing(teamId, id)
                        .map(e -> ExperimentViews.modal(e.loop(), e.saved(), zones.of(teamId, userId)))));
        return ctx.ack();
    }

    private Response save(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var view = req.getPayload().getView();
        ExperimentForm.Reading reading = ExperimentForm.read(view);
        if (!reading.errors().isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(reading.errors()));
        }
        String teamId = Teams.of(req, ctx);
        Optional<Long> loopId = SlackText.id(view.getPrivateMetadata());
        ExperimentService.SaveResult result;
        try {
            result = loopId.isEmpty() ? ExperimentService.SaveResult.NO_SUCH_LOOP
                    : experiments.save(teamId, loopId.get(), ctx.getRequestUserId(), reading.draft(), RetryDedupe.keyOf(req));
        } catch (RuntimeException e) {
            log.error("saving the experiment of loop {} for team {} failed", loopId.orElse(null), teamId, e);
            return inlineError(ctx, "Saving failed on our side; nothing was stored. Please try again in a moment.");
        }
        if (result == ExperimentService.SaveResult.NO_SUCH_LOOP) {
            return inlineError(ctx, "This loop is not in this workspace (any more), so nothing was saved.");
        }
        return ctx.ack();
    }

    private static Response inlineError(ViewSubmissionContext ctx, String message) {
        return ctx.ack(r -> r.responseAction("errors").errors(Map.of(ExperimentForm.HYPOTHESIS.id(), message)));
    }
}
