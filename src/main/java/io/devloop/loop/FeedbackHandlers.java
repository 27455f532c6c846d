package io.devloop.loop;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.view.View;
import io.devloop.slack.SlackText;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.Teams;
import io.devloop.slack.RetryDedupe;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * Slack in, service call, ack: `/devloop feedback`, the card's "Feedback loops" button, and the list modal's
 * Add / Edit / Remove / suggestion buttons and entry form. Writes happen before the ack; views.open / push /
 * update after it, on Bolt's executor.
 */
public final class FeedbackHandlers {
    private static final Logger log = LoggerFactory.getLogger(FeedbackHandlers.class);

    private final Jdbi jdbi;
    private final FeedbackService feedback;

    public FeedbackHandlers(Jdbi jdbi, LoopCards cards, Clock clock) {
        this.jdbi = jdbi;
        this.feedback = new FeedbackService(jdbi, cards, clock);
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("feedback", (call, ctx) -> command(app, call, ctx));
        app.blockAction(FeedbackViews.OPEN_ACTION, (req, ctx) -> openFromCard(app, req, ctx));
        app.blockAction(FeedbackViews.ADD_ACTION, (req, ctx) -> pushForm(app, req, ctx, (team, loopId) ->
                Optional.of(new Prefill(FeedbackDraft.empty(), null))));
        app.blockAction(FeedbackViews.EDIT_ACTION, (req, ctx) -> pushForm(app, req, ctx, (team, loopId) ->
                SlackText.id(clicked(req)).flatMap(id -> feedback.entry(team, loopId, id))
                        .map(f -> new Prefill(FeedbackDraft.of(f), f.id()))));
        app.blockAction(Pattern.compile("^" + Pattern.quote(FeedbackViews.SUGGEST_ACTION) + "[a-z-]+$"),
                (req, ctx) -> pushForm(app, req, ctx, (team, loopId) -> FeedbackSuggestions.byKey(clicked(req))
                        .map(s -> new Prefill(s.draft(), null))));
        app.blockAction(FeedbackViews.REMOVE_ACTION, (req, ctx) -> remove(app, req, ctx));
        app.viewSubmission(FeedbackViews.FORM_CALLBACK, (req, ctx) -> save(app, req, ctx));
    }

    private Response command(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        var resolution = LoopRefs.resolve(jdbi, call.teamId(), call.channelId(), call.args(), "/devloop feedback %s");
        if (resolution instanceof LoopRefs.Resolution.Problem problem) {
            return ctx.ack(problem.message());
        }
        Loop loop = ((LoopRefs.Resolution.Found) resolution).loop();
        later(app, "views.open feedback list " + loop.displayId(), () -> ctx.client().viewsOpen(r -> r
                .triggerId(call.triggerId()).view(FeedbackViews.list(loop, feedback.entries(call.teamId(), loop.id())))));
        return ctx.ack();
    }

    private Response openFromCard(App app, BlockActionRequest req, ActionContext ctx) {
        String teamId = Teams.of(req, ctx);
        String triggerId = req.getPayload().getTriggerId();
        SlackText.id(clicked(req)).ifPresent(loopId -> later(app, "views.open feedback list", () -> {
            Optional<Loop> loop = feedback.loop(teamId, loopId);
            if (loop.isEmpty()) {
                return null; // another team's or a deleted loop: nothing to open
            }
            View list = FeedbackViews.list(loop.get(), feedback.entries(teamId, loopId));
            return ctx.client().viewsOpen(r -> r.triggerId(triggerId).view(list));
        }));
        return ctx.ack();
    }

    /** What the pushed form starts with, and the entry it edits (null: a new entry). */
    private record Prefill(FeedbackDraft draft, Long entryId) {
    }

    @FunctionalInterface
    private interface PrefillSource {
        Optional<Prefill> find(String teamId, long loopId);
    }

    /** Add, Edit and the suggestions: push the entry form on top of the list modal they were clicked in. */
    private Response pushForm(App app, BlockActionRequest req, ActionContext ctx, PrefillSource source) {
        View list = req.getPayload().getView();
        Optional<Long> loopId = listedLoop(list);
        if (loopId.isEmpty()) {
            return ctx.ack(); // not clicked in a feedback list: nothing to push onto
        }
        String teamId = Teams.of(req, ctx);
        String triggerId = req.getPayload().getTriggerId();
        later(app, "views.push feedback form", () -> {
            Optional<View> form = feedback.loop(teamId, loopId.get()).flatMap(loop -> source.find(teamId, loop.id())
                    .map(p -> FeedbackViews.form(loop, p.draft(), new FeedbackForm.Metadata(loop.id(), list.getId(), p.entryId()))));
            // an entry or suggestion that is not this loop's (removed meanwhile, another team's id): nothing to push
            return form.isEmpty() ? null : ctx.client().viewsPush(r -> r.triggerId(triggerId).view(form.get()));
        });
        return ctx.ack();
    }

    private Response remove(App app, BlockActionRequest req, ActionContext ctx) {
        View list = req.getPayload().getView();
        Optional<Long> loopId = listedLoop(list);
        Optional<Long> entryId = SlackText.id(clicked(req));
        if (loopId.isEmpty() || entryId.isEmpty()) {
            return ctx.ack();
        }
        String teamId = Teams.of(req, ctx);
        if (feedback.remove(teamId, loopId.get(), entryId.get())) {
            updateList(app, ctx.client(), teamId, loopId.get(), list.getId());
        }
        return ctx.ack();
    }

    private Response save(App app, ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        Optional<FeedbackForm.Metadata> meta = FeedbackForm.Metadata.parse(view.getPrivateMetadata());
        if (meta.isEmpty()) {
            return ctx.ack(); // not a form devloop built: close it, store nothing
        }
        FeedbackDraft draft = FeedbackForm.read(view);
        Map<String, String> errors = FeedbackService.validate(draft);
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        String teamId = Teams.of(req, ctx);
        FeedbackService.SaveResult result;
        try {
            result = feedback.save(teamId, ctx.getRequestUserId(), meta.get().loopId(), meta.get().entryId(), draft,
                    RetryDedupe.keyOf(req));
        } catch (RuntimeException e) {
            // the transaction rolled back; keep the form open with what was typed instead of Slack's generic failure
            log.error("saving a feedback loop failed for team {}", teamId, e);
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(FeedbackForm.INFORMATION.id(),
                    "Sorry, saving failed on devloop's side and nothing was saved. Please press Save again in a minute.")));
        }
        if (result instanceof FeedbackService.SaveResult.Saved && meta.get().listViewId() != null) {
            updateList(app, ctx.client(), teamId, meta.get().loopId(), meta.get().listViewId());
        }
        return ctx.ack(); // closes the form; the list underneath is updated in place
    }

    /** Redraws the list modal with the loop's current entries. */
    private void updateList(App app, com.slack.api.methods.MethodsClient client, String teamId, long loopId, String viewId) {
        later(app, "views.update feedback list", () -> {
            Optional<Loop> loop = feedback.loop(teamId, loopId);
            if (loop.isEmpty()) {
                return null;
            }
            View list = FeedbackViews.list(loop.get(), feedback.entries(teamId, loopId));
            return client.viewsUpdate(r -> r.viewId(viewId).view(list));
        });
    }

    /** Runs a Web API call after the ack; a failure is logged, never thrown into Bolt's executor. */
    private static void later(App app, String what, Callable<? extends SlackApiTextResponse> work) {
        app.executorService().submit(() -> {
            try {
                SlackApiTextResponse r = work.call();
                if (r != null && !r.isOk()) {
                    log.warn("{} failed: {}", what, r.getError());
                }
            } catch (Exception e) {
                log.warn("{} failed", what, e);
            }
        });
    }

    /** The loop of the list modal a button was clicked in; empty when the click came from anywhere else. */
    private static Optional<Long> listedLoop(View view) {
        if (view == null || !FeedbackViews.LIST_CALLBACK.equals(view.getCallbackId())) {
            return Optional.empty();
        }
        return SlackText.id(view.getPrivateMetadata());
    }

    private static String clicked(BlockActionRequest req) {
        return req.getPayload().getActions().get(0).getValue();
    }
}
