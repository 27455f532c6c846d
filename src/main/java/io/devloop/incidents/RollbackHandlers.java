package io.devloop.incidents;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.Forms;
import io.devloop.slack.Modals;
import io.devloop.slack.Replies;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import io.devloop.slack.Teams;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** `/devloop rollback`, the rollback form (from the command, an incident card or an alert), and Completed / Failed. */
public final class RollbackHandlers {
    static final String USAGE = "Usage: `/devloop rollback <service> [version] [reason…]`, e.g."
            + " `/devloop rollback payments v1.4.2 error rate 5%`. With no words it opens a form.";

    private final RollbackService rollbacks;

    public RollbackHandlers(RollbackService rollbacks) {
        this.rollbacks = rollbacks;
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("rollback", (call, ctx) -> rollback(app, call, ctx));
        app.blockAction(IncidentViews.ROLLBACK_OPEN_ACTION, (req, ctx) -> openFromElsewhere(app, req, ctx));
        app.blockAction(RollbackViews.COMPLETED_ACTION, (req, ctx) -> finish(app, req, ctx, true));
        app.blockAction(RollbackViews.FAILED_ACTION, (req, ctx) -> finish(app, req, ctx, false));
        app.viewSubmission(IncidentModals.ROLLBACK_CALLBACK, this::submitted);
    }

    private Response rollback(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        Optional<IncidentCommands.RollbackArgs> args = IncidentCommands.rollback(call.args());
        if (args.isEmpty()) {
            Modals.openAfterAck(app, ctx.client(), call.triggerId(), "the rollback form",
                    () -> Optional.of(IncidentModals.rollback(call.channelId(), null, null)));
            return ctx.ack();
        }
        IncidentCommands.RollbackArgs a = args.get();
        if (a.service().length() > IncidentForms.RB_SERVICE.maxLength()
                || (a.version() != null && a.version().length() > IncidentForms.RB_VERSION.maxLength())) {
            return ctx.ack("That service name or version is too long. " + USAGE);
        }
        Optional<Rollback> started = rollbacks.start(new RollbackService.Request(call.teamId(), call.channelId(), a.service(),
                a.version(), a.reason(), call.userId(), null), call.requestKey());
        if (started.isEmpty()) {
            return ctx.ack();
        }
        return ctx.ack("🔄 Rollback of *" + SlackText.escape(a.service()) + "* recorded"
                + (started.get().incidentId() == null ? "" : " and added to the open incident's timeline")
                + ". Mark it ✅ completed or ❌ failed on its message when it is done.");
    }

    private Response openFromElsewhere(App app, BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        String channelId = payload.getChannel() == null ? null : payload.getChannel().getId();
        String service = payload.getActions().get(0).getValue();
        Modals.openAfterAck(app, ctx.client(), payload.getTriggerId(), "the rollback form",
                () -> Optional.of(IncidentModals.rollback(channelId, null, service)));
        return ctx.ack();
    }

    private Response finish(App app, BlockActionRequest req, ActionContext ctx, boolean completed) {
        String teamId = Teams.of(req, ctx);
        Optional<Long> id = SlackText.id(req.getPayload().getActions().get(0).getValue());
        if (id.isPresent()) {
            RollbackService.Finish finish = rollbacks.finish(teamId, id.get(), completed, req.getPayload().getUser().getId(),
                    RetryDedupe.keyOf(req));
            if (finish.refusal() != null) {
                Replies.tell(app, ctx, finish.refusal());
            }
        }
        return ctx.ack();
    }

    private Response submitted(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        String service = Forms.text(view, IncidentForms.RB_SERVICE);
        String version = Forms.text(view, IncidentForms.RB_VERSION);
        String reason = Forms.text(view, IncidentForms.RB_REASON);
        Map<String, String> errors = new HashMap<>();
        IncidentForms.requireAll(errors, IncidentForms.RB_SERVICE, service, IncidentForms.RB_VERSION, version,
                IncidentForms.RB_REASON, reason);
        if (service != null && service.contains(" ")) {
            errors.put(IncidentForms.RB_SERVICE.id(), "A service name is one word, as your alerts and deployments name it.");
        }
        String[] meta = (view.getPrivateMetadata() == null ? "" : view.getPrivateMetadata()).split("\\|", -1);
        if (meta[0].isEmpty()) {
            errors.put(IncidentForms.RB_SERVICE.id(), "Start rollbacks from a channel: this form lost track of which one.");
        }
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        Long incidentId = meta.length > 1 ? SlackText.id(meta[1]).orElse(null) : null;
        rollbacks.start(new RollbackService.Request(Teams.of(req, ctx), meta[0], service, version, reason,
                ctx.getRequestUserId(), incidentId), RetryDedupe.keyOf(req));
        return ctx.ack();
    }
}
