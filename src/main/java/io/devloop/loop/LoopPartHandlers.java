package io.devloop.loop;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.Modals;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import io.devloop.slack.Teams;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Slack in, save, ack for one {@link LoopPart}: its subcommand and card button open the modal pre-filled; Save
 * validates inline, then replaces the part and queues the card's new state in one transaction.
 */
public final class LoopPartHandlers<S, D> {
    private static final Logger log = LoggerFactory.getLogger(LoopPartHandlers.class);

    private enum SaveResult { SAVED, REPEAT, NO_SUCH_LOOP }

    private final Jdbi jdbi;
    private final LoopCards cards;
    private final Clock clock;
    private final LoopPart<S, D> part;

    LoopPartHandlers(Jdbi jdbi, LoopCards cards, Clock clock, LoopPart<S, D> part) {
        this.jdbi = jdbi;
        this.cards = cards;
        this.clock = clock;
        this.part = part;
    }

    public static LoopPartHandlers<?, ?> pipeline(Jdbi jdbi, LoopCards cards, Clock clock) {
        return new LoopPartHandlers<>(jdbi, cards, clock, new PipelinePart());
    }

    public static LoopPartHandlers<?, ?> metrics(Jdbi jdbi, LoopCards cards, Clock clock) {
        return new LoopPartHandlers<>(jdbi, cards, clock, new MetricsPart());
    }

    public void register(App app, CommandRouter router) {
        router.subcommand(part.subcommand(), (call, ctx) -> command(app, call, ctx));
        app.blockAction(part.buttonAction(), (req, ctx) -> button(app, req, ctx));
        app.viewSubmission(part.saveCallback(), this::save);
    }

    private Response command(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        var resolution = LoopRefs.resolve(jdbi, call.teamId(), call.channelId(), call.args(),
                "/devloop " + part.subcommand() + " %s");
        if (resolution instanceof LoopRefs.Resolution.Problem problem) {
            return ctx.ack(problem.message());
        }
        open(app, ctx.client(), call.triggerId(), call.teamId(), ((LoopRefs.Resolution.Found) resolution).loop().id());
        return ctx.ack();
    }

    private Response button(App app, BlockActionRequest req, ActionContext ctx) {
        var payload = req.getPayload();
        SlackText.id(payload.getActions().get(0).getValue())
                .ifPresent(id -> open(app, ctx.client(), payload.getTriggerId(), Teams.of(req, ctx), id));
        return ctx.ack();
    }

    /** A loop of another team (or a deleted one) opens nothing: the load is scoped to the team. */
    private void open(App app, com.slack.api.methods.MethodsClient client, String triggerId, String teamId, long loopId) {
        Modals.openAfterAck(app, client, triggerId, "the " + part.subcommand() + " of loop " + loopId,
                () -> jdbi.withHandle(h -> h.attach(LoopDao.class).find(teamId, loopId).map(loop -> part.modal(part.load(h, loop)))));
    }

    private Response save(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        var view = req.getPayload().getView();
        LoopPart.Reading<D> reading = part.read(view);
        if (!reading.errors().isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(reading.errors()));
        }
        String teamId = Teams.of(req, ctx);
        Optional<Long> loopId = SlackText.id(view.getPrivateMetadata());
        SaveResult result;
        try {
            result = loopId.isEmpty() ? SaveResult.NO_SUCH_LOOP
                    : store(teamId, loopId.get(), ctx.getRequestUserId(), reading.draft(), RetryDedupe.keyOf(req));
        } catch (RuntimeException e) {
            log.error("saving the {} of loop {} for team {} failed", part.subcommand(), loopId.orElse(null), teamId, e);
            return inlineError(ctx, "Saving failed on our side; nothing was stored. Please try again in a moment.");
        }
        if (result == SaveResult.NO_SUCH_LOOP) {
            return inlineError(ctx, "This loop is not in this workspace (any more), so nothing was saved.");
        }
        return ctx.ack(); // closes the modal; the card's new state goes out through the outbox
    }

    /**
     * Replaces the part and queues the card's new state in one transaction. A loop of another team (a forged or
     * stale id) writes nothing; a redelivered submission changes nothing.
     */
    private SaveResult store(String teamId, long loopId, String editorId, D draft, String requestKey) {
        Instant now = clock.instant();
        SaveResult result = jdbi.inTransaction(h -> {
            if (!LoopLocks.lock(h, teamId, loopId)) {
                return SaveResult.NO_SUCH_LOOP;
            }
            if (!RetryDedupe.firstTime(h, teamId, requestKey, now)) {
                return SaveResult.REPEAT;
            }
            part.replace(h, teamId, loopId, editorId, draft, now);
            cards.refresh(h, teamId, loopId);
            return SaveResult.SAVED;
        });
        if (result == SaveResult.SAVED) {
            cards.wake();
        }
        return result;
    }

    private Response inlineError(ViewSubmissionContext ctx, String message) {
        return ctx.ack(r -> r.responseAction("errors").errors(Map.of(part.errorField(), message)));
    }
}
