package io.devloop.loop;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.CommandRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.regex.Pattern;

/** Slack in, service call, ack: the `plan` subcommand and the loop card's phase buttons. */
public final class LoopHandlers {
    private static final Logger log = LoggerFactory.getLogger(LoopHandlers.class);
    private static final String PLAN_USAGE = "Usage: `/devloop plan <feature>`, e.g. `/devloop plan Checkout v2`.";

    private final LoopService loops;

    public LoopHandlers(LoopService loops) {
        this.loops = loops;
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("plan", this::plan);
        app.blockAction(Pattern.compile("^" + Pattern.quote(LoopViews.OPEN_PHASE_ACTION) + "[a-z]+$"),
                (req, ctx) -> openPhase(app, req, ctx));
    }

    private Response plan(CommandRouter.Call call, SlashCommandContext ctx) {
        var result = loops.plan(call.teamId(), call.channelId(), call.userId(), call.args(), call.requestKey());
        if (result instanceof LoopService.PlanResult.Invalid invalid) {
            return ctx.ack(invalid.problem() + "\n" + PLAN_USAGE);
        }
        if (result instanceof LoopService.PlanResult.AlreadyExists exists) {
            return ctx.ack(alreadyExists(call, exists));
        }
        return ctx.ack(); // the card itself is the answer; it goes out through the outbox
    }

    private static String alreadyExists(CommandRouter.Call call, LoopService.PlanResult.AlreadyExists exists) {
        Loop loop = exists.loop();
        String name = "*" + loop.displayId() + " " + io.devloop.slack.SlackText.escape(loop.feature()) + "*";
        if (exists.cardTs() == null || call.teamDomain() == null) {
            return "This channel already has a loop for that feature: " + name + ". Its card is on its way.";
        }
        String link = "https://" + call.teamDomain() + ".slack.com/archives/" + loop.channelId() + "/p"
                + exists.cardTs().replace(".", "");
        return "This channel already has a loop for that feature: " + name + " (<" + link + "|see its card>).";
    }

    private Response openPhase(App app, BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        var action = payload.getActions().get(0);
        Optional<Phase> phase = Phase.parse(action.getActionId().substring(LoopViews.OPEN_PHASE_ACTION.length()));
        Optional<Loop> loop = parseId(action.getValue()).flatMap(id -> loops.find(ctx.getTeamId(), id));
        if (phase.isEmpty() || loop.isEmpty()) {
            return ctx.ack(); // a card from a deleted loop or another workspace: nothing to open
        }
        String triggerId = payload.getTriggerId();
        app.executorService().submit(() -> {
            try {
                var r = ctx.client().viewsOpen(v -> v.triggerId(triggerId).view(LoopViews.phasePlaceholder(loop.get(), phase.get())));
                if (!r.isOk()) {
                    log.warn("views.open for {} failed: {}", loop.get().displayId(), r.getError());
                }
            } catch (Exception e) {
                log.warn("views.open for {} failed", loop.get().displayId(), e);
            }
        });
        return ctx.ack();
    }

    private static Optional<Long> parseId(String value) {
        try {
            return Optional.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
