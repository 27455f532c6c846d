package io.devloop.home;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import io.devloop.loop.LoopService;
import io.devloop.slack.Modals;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.Teams;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The App Home tab: published when someone opens it and whenever what it shows changes (see {@link HomeRefresh});
 * its buttons open small modals that hand over to the loop and task domains.
 */
public final class HomeHandlers {
    private final HomePublisher publisher;
    private final LoopService loops;
    private final TaskForm taskForm;

    /** The tasks domain's add form for a channel (team, channel, user → modal). */
    @FunctionalInterface
    public interface TaskForm {
        View forChannel(String teamId, String channelId, String userId);
    }

    public HomeHandlers(HomePublisher publisher, LoopService loops, TaskForm taskForm) {
        this.publisher = publisher;
        this.loops = loops;
        this.taskForm = taskForm;
    }

    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent event = req.getEvent();
            if ("home".equals(event.getTab())) {
                publisher.changed(ctx.getTeamId(), List.of(event.getUser()));
            }
            return ctx.ack();
        });
        app.blockAction(HomeViews.PLAN_ACTION, (req, ctx) -> {
            Modals.openAfterAck(app, ctx.client(), req.getPayload().getTriggerId(), "the home plan form",
                    () -> Optional.of(HomeViews.planModal()));
            return ctx.ack();
        });
        app.blockAction(HomeViews.TASK_ACTION, (req, ctx) -> {
            Modals.openAfterAck(app, ctx.client(), req.getPayload().getTriggerId(), "the home task form",
                    () -> Optional.of(HomeViews.taskChannelModal()));
            return ctx.ack();
        });
        app.viewSubmission(HomeViews.PLAN_CALLBACK, this::plan);
        app.viewSubmission(HomeViews.TASK_CALLBACK, this::taskChannel);
    }

    private Response plan(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        String teamId = Teams.of(req, ctx);
        View view = req.getPayload().getView();
        String feature = value(view, HomeViews.FEATURE, ViewState.Value::getValue);
        String channel = value(view, HomeViews.CHANNEL, ViewState.Value::getSelectedConversation);
        if (channel == null) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(HomeViews.CHANNEL, "Pick the loop's channel.")));
        }
        var result = loops.plan(teamId, channel, ctx.getRequestUserId(), feature == null ? "" : feature, RetryDedupe.keyOf(req));
        if (result instanceof LoopService.PlanResult.Invalid invalid) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(HomeViews.FEATURE, invalid.problem())));
        }
        if (result instanceof LoopService.PlanResult.AlreadyExists exists) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(HomeViews.FEATURE,
                    "That channel already has a loop for this feature: " + exists.loop().displayId() + ".")));
        }
        publisher.changed(teamId, List.of(ctx.getRequestUserId())); // the new loop shows on the home tab
        return ctx.ack();
    }

    /** The channel is picked: the same modal becomes the tasks domain's add form for that channel. */
    private Response taskChannel(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        String channel = value(req.getPayload().getView(), HomeViews.CHANNEL, ViewState.Value::getSelectedConversation);
        if (channel == null) {
            return ctx.ack(r -> r.responseAction("errors").errors(Map.of(HomeViews.CHANNEL, "Pick the task's channel.")));
        }
        View form = taskForm.forChannel(Teams.of(req, ctx), channel, ctx.getRequestUserId());
        return ctx.ack(r -> r.responseAction("update").view(form));
    }

    private static String value(View view, String field, Function<ViewState.Value, String> read) {
        var block = view.getState() == null ? null : view.getState().getValues().get(field);
        var value = block == null ? null : block.get(field);
        String v = value == null ? null : read.apply(value);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
