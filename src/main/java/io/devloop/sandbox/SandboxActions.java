package io.devloop.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.devloop.sandbox.SlackDelivery.Answer;
import io.devloop.sandbox.Workspace.OpenView;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a person does on the page, done the way Slack does it: the request goes to devloop signed, and devloop's
 * answer is applied the way a Slack client applies it — a command's ack is an ephemeral message, a submission's
 * {@code response_action} shows errors, updates, pushes or clears the modal, an error status becomes Slack's
 * "failed with the error" notice.
 */
final class SandboxActions {
    static final String SLACKBOT = "USLACKBOT";

    /** What happened, for the page's status line. */
    record Outcome(int status, String result) {
    }

    private final Workspace workspace;
    private final SlackDelivery delivery;

    SandboxActions(Workspace workspace, SlackDelivery delivery) {
        this.workspace = workspace;
        this.delivery = delivery;
    }

    Outcome command(String user, String channel, String text) {
        Answer answer = delivery.command(user, channel, text);
        if (!answer.ok() || answer.took().compareTo(SlackDelivery.SLACK_DEADLINE) > 0) {
            String error = answer.ok() ? "operation_timeout" : answer.status() == 0 ? "dispatch_failed" : "http_status_" + answer.status();
            workspace.postEphemeral(channel, user, "/devloop failed with the error \"" + error + "\"", null);
            return new Outcome(answer.status(), error);
        }
        JsonObject json = answer.json();
        if (json == null && answer.body() != null && !answer.body().isBlank()) {
            workspace.postEphemeral(channel, user, answer.body(), null);
        } else if (json != null && (json.has("text") || json.has("blocks"))) {
            var blocks = json.has("blocks") && json.get("blocks").isJsonArray() ? json.getAsJsonArray("blocks") : null;
            if ("in_channel".equals(Json.str(json, "response_type"))) {
                workspace.post(channel, null, Workspace.BOT_USER, Json.str(json, "text"), blocks);
            } else {
                workspace.postEphemeral(channel, user, Json.str(json, "text"), blocks);
            }
        }
        return new Outcome(answer.status(), "acknowledged");
    }

    /** A click or a choice on a message in a channel or DM. */
    Outcome messageAction(String user, String channel, String ts, String blockId, String actionId, JsonElement raw) {
        Optional<Workspace.Message> message = workspace.find(channel, ts)
                .filter(m -> m.ephemeralFor == null || m.ephemeralFor.equals(user));
        Optional<JsonObject> element = message.flatMap(m -> BlockIds.element(m.blocks(), blockId, actionId));
        if (element.isEmpty()) {
            return new Outcome(404, "that message or button is gone");
        }
        Workspace.Message m = message.get();
        JsonObject container = Json.of("type", "message", "message_ts", m.ts, "channel_id", channel,
                "is_ephemeral", m.ephemeralFor != null, "thread_ts", m.threadTs);
        JsonObject where = Json.of(
                "channel", Json.of("id", channel, "name", Workspace.channel(channel).map(Workspace.Channel::name).orElse("directmessage")),
                "message", Json.of("type", "message", "ts", m.ts, "text", m.text(), "blocks", m.blocks(),
                        "user", Workspace.BOT_USER, "bot_id", Workspace.BOT_ID, "thread_ts", m.threadTs),
                "response_url", delivery.responseUrl(channel, user, m.ts),
                "state", Json.of("values", new JsonObject()));
        return outcome(delivery.blockActions(user, container, ElementValues.action(element.get(), blockId, raw), where));
    }

    /** A click or a choice inside a modal or the home tab; a modal's current inputs travel along as its state. */
    Outcome viewAction(String user, String viewId, String blockId, String actionId, JsonElement raw,
                       Map<String, Map<String, JsonElement>> inputs) {
        Optional<JsonObject> view = workspace.view(user, viewId).map(OpenView::view)
                .or(() -> workspace.home(user).filter(h -> viewId.equals(Json.str(h, "id"))));
        Optional<JsonObject> element = view.flatMap(v -> BlockIds.element(Json.arr(v, "blocks"), blockId, actionId));
        if (element.isEmpty()) {
            return new Outcome(404, "that view or button is gone");
        }
        JsonObject payloadView = withState(view.get(), inputs);
        JsonObject container = Json.of("type", "view", "view_id", viewId);
        return outcome(delivery.blockActions(user, container, ElementValues.action(element.get(), blockId, raw),
                Json.of("view", payloadView)));
    }

    Outcome submit(String user, String viewId, Map<String, Map<String, JsonElement>> inputs) {
        Optional<OpenView> open = workspace.topView(user).filter(v -> v.id().equals(viewId));
        if (open.isEmpty()) {
            return new Outcome(404, "that modal is no longer open");
        }
        Answer answer = delivery.viewSubmission(user, withState(open.get().view(), inputs));
        if (!answer.ok()) {
            workspace.showErrors(user, viewId, Map.of("", "We had some trouble connecting (devloop answered HTTP "
                    + answer.status() + "). Try again?"));
            return new Outcome(answer.status(), "failed");
        }
        JsonObject json = answer.json();
        String action = json == null ? null : Json.str(json, "response_action");
        if (action == null) {
            workspace.closeViews(user, false);
            return new Outcome(200, "closed");
        }
        switch (action) {
            case "errors" -> {
                Map<String, String> errors = new LinkedHashMap<>();
                Json.obj(json, "errors").entrySet().forEach(e -> errors.put(e.getKey(), e.getValue().getAsString()));
                workspace.showErrors(user, viewId, errors);
            }
            case "update" -> workspace.updateView(viewId, Json.obj(json, "view"));
            case "push" -> workspace.openView(user, Json.obj(json, "view"), Workspace.ViewPlacement.PUSH);
            case "clear" -> workspace.closeViews(user, true);
            default -> workspace.closeViews(user, false);
        }
        return new Outcome(200, action);
    }

    /** Cancel: the top view closes; devloop hears of it only if the view asked ({@code notify_on_close}). */
    Outcome close(String user, String viewId) {
        Optional<OpenView> open = workspace.topView(user).filter(v -> v.id().equals(viewId));
        if (open.isEmpty()) {
            return new Outcome(404, "that modal is no longer open");
        }
        workspace.closeViews(user, false);
        if (Json.bool(open.get().view(), "notify_on_close")) {
            return outcome(delivery.viewClosed(user, open.get().view()));
        }
        return new Outcome(200, "closed");
    }

    Outcome openHome(String user) {
        return outcome(delivery.appHomeOpened(user));
    }

    private static JsonObject withState(JsonObject view, Map<String, Map<String, JsonElement>> inputs) {
        JsonObject copy = view.deepCopy();
        copy.add("state", Json.of("values", ElementValues.state(view, inputs)));
        copy.addProperty("hash", Json.str(view, "id") + "." + System.nanoTime());
        if (!copy.has("private_metadata")) {
            copy.addProperty("private_metadata", "");
        }
        if (!copy.has("callback_id")) {
            copy.addProperty("callback_id", "");
        }
        return copy;
    }

    private static Outcome outcome(Answer answer) {
        return new Outcome(answer.status(), answer.ok() ? "acknowledged" : "devloop answered HTTP " + answer.status());
    }
}
