package io.devloop.loop;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.Modals;
import io.devloop.slack.SlackText;
import io.devloop.slack.Teams;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Slack in, service call, ack: `plan`, `phase`, `loop`, `status`, the card's phase buttons and the phase modal. */
public final class LoopHandlers {
    private static final String PLAN_USAGE = "Usage: `/devloop plan <feature>`, e.g. `/devloop plan Checkout v2`.";
    private static final String PHASE_USAGE = "Usage: `/devloop phase <loop> <phase>`, e.g. `/devloop phase L-1 build`."
            + " Phases: plan, code, build, test, release, deploy, operate, monitor.";

    private final LoopService loops;
    private final PhaseService phases;
    private final Clock clock;

    public LoopHandlers(LoopService loops, PhaseService phases, Clock clock) {
        this.loops = loops;
        this.phases = phases;
        this.clock = clock;
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("plan", this::plan);
        router.subcommand("phase", (call, ctx) -> phaseCommand(app, call, ctx));
        router.subcommand("loop", this::showLoop);
        router.subcommand("status", (call, ctx) -> ctx.ack(LoopViews.status(loops.status(call.teamId(), call.channelId()))));
        app.blockAction(Pattern.compile("^" + Pattern.quote(LoopViews.OPEN_PHASE_ACTION) + "[a-z]+$"),
                (req, ctx) -> phaseButton(app, req, ctx));
        app.viewSubmission(PhaseViews.CALLBACK, this::savePhase);
    }

    private Response plan(CommandRouter.Call call, SlashCommandContext ctx) {
        var result = loops.plan(call.teamId(), call.channelId(), call.userId(), call.args(), call.requestKey());
        if (result instanceof LoopService.PlanResult.Invalid invalid) {
            return ctx.ack(invalid.problem() + "\n" + PLAN_USAGE);
        }
        if (result instanceof LoopService.PlanResult.AlreadyExists exists) {
            return ctx.ack("This channel already has a loop for that feature: " + cardReference(call, exists.loop(), exists.cardTs()) + ".");
        }
        return ctx.ack(); // the card itself is the answer; it goes out through the outbox
    }

    /** `/devloop loop [<loop>]`: posts the card again here, or links to it when the loop lives in another channel. */
    private Response showLoop(CommandRouter.Call call, SlashCommandContext ctx) {
        var resolution = LoopRefs.resolve(loops.jdbi(), call.teamId(), call.channelId(), call.args(), "/devloop loop %s");
        if (resolution instanceof LoopRefs.Resolution.Problem problem) {
            return ctx.ack(problem.message());
        }
        Loop loop = ((LoopRefs.Resolution.Found) resolution).loop();
        if (!loop.channelId().equals(call.channelId())) {
            return ctx.ack(cardReference(call, loop, loops.cardTs(call.teamId(), loop.id()).orElse(null))
                    + " lives in <#" + loop.channelId() + ">.");
        }
        loops.repost(call.teamId(), loop.id(), call.userId());
        return ctx.ack();
    }

    /** `/devloop phase <loop> <phase>`: the phase is the last word, the loop everything before it. */
    private Response phaseCommand(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        String args = call.args();
        int space = args.lastIndexOf(' ');
        String phaseWord = space < 0 ? args : args.substring(space + 1);
        Optional<Phase> phase = Phase.parse(phaseWord);
        if (phase.isEmpty()) {
            return ctx.ack((args.isEmpty() ? "Which phase?" : "`" + SlackText.escape(SlackText.truncate(phaseWord, 30))
                    + "` is not a phase.") + "\n" + PHASE_USAGE);
        }
        String ref = space < 0 ? "" : args.substring(0, space);
        var resolution = LoopRefs.resolve(loops.jdbi(), call.teamId(), call.channelId(), ref,
                "/devloop phase %s " + phase.get().key());
        if (resolution instanceof LoopRefs.Resolution.Problem problem) {
            return ctx.ack(problem.message());
        }
        openPhaseModal(app, ctx.client(), call.triggerId(), ((LoopRefs.Resolution.Found) resolution).loop(), phase.get());
        return ctx.ack();
    }

    private Response phaseButton(App app, BlockActionRequest req, ActionContext ctx) {
        var action = req.getPayload().getActions().get(0);
        Optional<Phase> phase = Phase.parse(action.getActionId().substring(LoopViews.OPEN_PHASE_ACTION.length()));
        Optional<Loop> loop = SlackText.id(action.getValue()).flatMap(id -> loops.find(Teams.of(req, ctx), id));
        if (phase.isPresent() && loop.isPresent()) {
            openPhaseModal(app, ctx.client(), req.getPayload().getTriggerId(), loop.get(), phase.get());
        }
        return ctx.ack(); // a card of a deleted loop or of another workspace opens nothing
    }

    private Response savePhase(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        Optional<PhaseViews.Target> target = PhaseViews.target(view.getPrivateMetadata());
        if (target.isEmpty()) {
            return ctx.ack();
        }
        PhaseForm form = PhaseForm.from(view);
        Map<String, String> errors = form.validate();
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        PhaseAnswer answer = form.toAnswer(Teams.of(req, ctx), target.get().loopId(), target.get().phase(),
                ctx.getRequestUserId(), clock.instant());
        if (!phases.save(answer)) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(PhaseForm.WHAT.id(),
                    "This loop no longer exists in this workspace; nothing was saved.")));
        }
        return ctx.ack(); // closes the modal; the card update is already queued in the outbox
    }

    private void openPhaseModal(App app, com.slack.api.methods.MethodsClient client, String triggerId, Loop loop, Phase phase) {
        Modals.openAfterAck(app, client, triggerId, "the " + phase.key() + " phase of " + loop.displayId(),
                () -> Optional.of(PhaseViews.modal(loop, phase, phases.current(loop.teamId(), loop.id(), phase).orElse(null))));
    }

    private static String cardReference(CommandRouter.Call call, Loop loop, String cardTs) {
        String name = "*" + loop.displayId() + " " + SlackText.escape(loop.feature()) + "*";
        if (cardTs == null || call.teamDomain() == null) {
            return name + " (its card is on its way)";
        }
        String link = "https://" + call.teamDomain() + ".slack.com/archives/" + loop.channelId() + "/p" + cardTs.replace(".", "");
        return name + " (<" + link + "|see its card>)";
    }
}
