package io.devloop.alerts;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.Forms;
import io.devloop.slack.Modals;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import io.devloop.slack.Teams;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Slack in, service call, ack: the alert message's Acknowledge and Silence note buttons, and `alerts route`. */
public final class AlertHandlers {
    static final String USAGE = "Usage: `/devloop alerts route <service> <#channel>` — e.g. `/devloop alerts route checkout #ops`."
            + " Alerts with a `service` label (and GitHub deploys of a repository of that name) then go to that channel.";
    /** What Slack sends for a #channel typed in a command with should_escape: {@code <#C123|name>} (name optional). */
    private static final Pattern CHANNEL_MENTION = Pattern.compile("<#([CG][A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");

    private final AlertService alerts;

    public AlertHandlers(AlertService alerts) {
        this.alerts = alerts;
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("alerts", this::command);
        app.blockAction(AlertViews.ACK_ACTION, this::acknowledge);
        app.blockAction(AlertViews.SILENCE_ACTION, (req, ctx) -> openSilenceNote(app, req, ctx));
        app.viewSubmission(AlertViews.SILENCE_CALLBACK, this::saveSilenceNote);
    }

    private Response command(CommandRouter.Call call, SlashCommandContext ctx) {
        String[] words = call.args().split("\\s+");
        if (words.length == 3 && words[0].equalsIgnoreCase("route")) {
            Matcher channel = CHANNEL_MENTION.matcher(words[2]);
            if (!SERVICE.matcher(words[1]).matches()) {
                return ctx.ack("`" + SlackText.escape(SlackText.truncate(words[1], 60)).replace("`", "'")
                        + "` is not a service name (letters, digits, `.`, `_`, `-`, `/`). " + USAGE);
            }
            if (!channel.matches()) {
                return ctx.ack("Pick the channel with `#` so Slack links it (e.g. `#ops`). " + USAGE);
            }
            String service = words[1].toLowerCase(Locale.ROOT);
            alerts.route(call.teamId(), service, channel.group(1), call.userId());
            return ctx.ack(r -> r.responseType("in_channel").text(":satellite_antenna: <@" + call.userId() + "> routed alerts of `"
                    + service + "` to <#" + channel.group(1) + ">."));
        }
        List<RouteDao.Route> routes = alerts.routes(call.teamId());
        String current = routes.isEmpty() ? "No routes yet." : "*Routes*\n" + routes.stream().limit(40)
                .map(r -> "• `" + r.service() + "` → <#" + r.channelId() + ">").collect(Collectors.joining("\n"))
                + (routes.size() > 40 ? "\n+" + (routes.size() - 40) + " more" : "");
        return ctx.ack(USAGE + "\n\n" + current);
    }

    private Response acknowledge(BlockActionRequest req, ActionContext ctx) {
        String teamId = Teams.of(req, ctx);
        SlackText.id(req.getPayload().getActions().get(0).getValue()).ifPresent(id ->
                alerts.acknowledge(teamId, id, ctx.getRequestUserId(), RetryDedupe.keyOf(req)));
        return ctx.ack();
    }

    private Response openSilenceNote(App app, BlockActionRequest req, ActionContext ctx) {
        String teamId = Teams.of(req, ctx);
        Optional<Long> id = SlackText.id(req.getPayload().getActions().get(0).getValue());
        Modals.openAfterAck(app, ctx.client(), req.getPayload().getTriggerId(), "the silence note",
                () -> id.flatMap(alertId -> alerts.find(teamId, alertId)).map(AlertViews::silenceModal));
        return ctx.ack();
    }

    private Response saveSilenceNote(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        String teamId = Teams.of(req, ctx);
        var view = req.getPayload().getView();
        String note = Forms.text(view, AlertViews.NOTE);
        Map<String, String> errors = new HashMap<>();
        Forms.require(AlertViews.NOTE, note, errors);
        if (!errors.isEmpty()) {
            return ctx.ack(r -> r.responseAction("errors").errors(errors));
        }
        SlackText.id(view.getPrivateMetadata()).ifPresent(id ->
                alerts.silenceNote(teamId, id, ctx.getRequestUserId(), note, RetryDedupe.keyOf(req)));
        return ctx.ack();
    }
}
