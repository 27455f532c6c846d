package io.devloop.loop;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import io.devloop.slack.CommandRouter;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.Teams;
import io.devloop.slack.SlackText;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * `/devloop export <loop>` and the card's Export button: ack at once with "Exporting 5 files…", upload after the
 * ack, and tell the requester through the request's response_url if Slack refused the files.
 */
public final class ExportHandlers {
    private static final Logger log = LoggerFactory.getLogger(ExportHandlers.class);
    static final String USAGE = "/devloop export %s";
    private static final int FEATURE_LIMIT = 80;

    private final Jdbi jdbi;
    private final ExportService exports;
    private final Clock clock;

    public ExportHandlers(Jdbi jdbi, ExportService exports, Clock clock) {
        this.jdbi = jdbi;
        this.exports = exports;
        this.clock = clock;
    }

    public void register(App app, CommandRouter router) {
        router.subcommand("export", (call, ctx) -> command(app, call, ctx));
        app.blockAction(LoopViews.EXPORT_ACTION, (req, ctx) -> button(app, req, ctx));
    }

    /** Where the requester hears back: the command's or the action's response_url. */
    @FunctionalInterface
    private interface Reply {
        void send(String text) throws IOException;
    }

    private Response command(App app, CommandRouter.Call call, SlashCommandContext ctx) {
        var resolution = LoopRefs.resolve(jdbi, call.teamId(), call.channelId(), call.args(), USAGE);
        if (resolution instanceof LoopRefs.Resolution.Problem problem) {
            return ctx.ack(problem.message());
        }
        Loop loop = ((LoopRefs.Resolution.Found) resolution).loop();
        if (!firstTime(call.teamId(), call.requestKey())) {
            return ctx.ack(); // a redelivery of a command already exporting
        }
        Reply reply = text -> ctx.respond(r -> r.responseType("ephemeral").text(text));
        run(app, loop, call.userId(), ctx.client(), reply);
        return ctx.ack(progress(loop, call.channelId()));
    }

    private Response button(App app, BlockActionRequest req, ActionContext ctx) {
        String teamId = Teams.of(req, ctx);
        Optional<Loop> loop = SlackText.id(req.getPayload().getActions().get(0).getValue())
                .flatMap(id -> jdbi.withExtension(LoopDao.class, dao -> dao.find(teamId, id)));
        if (loop.isEmpty() || !firstTime(teamId, RetryDedupe.keyOf(req))) {
            return ctx.ack(); // a card of a deleted loop or another workspace, or a redelivered click
        }
        // a button's ack cannot carry text: the progress line goes out through response_url, before the upload
        Reply reply = text -> ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
        String channel = req.getPayload().getChannel() == null ? null : req.getPayload().getChannel().getId();
        app.executorService().submit(() -> {
            send(reply, progress(loop.get(), channel));
            export(loop.get(), ctx.getRequestUserId(), ctx.client(), reply);
        });
        return ctx.ack();
    }

    private void run(App app, Loop loop, String userId, MethodsClient client, Reply reply) {
        app.executorService().submit(() -> export(loop, userId, client, reply));
    }

    private void export(Loop loop, String userId, MethodsClient client, Reply reply) {
        try {
            ExportService.Result result = exports.export(loop.teamId(), loop.id(), userId, client);
            if (result instanceof ExportService.Result.Failed failed) {
                send(reply, failed.message());
            } else if (result instanceof ExportService.Result.NotFound) {
                send(reply, "That loop no longer exists, so there is nothing to export.");
            }
        } catch (RuntimeException e) {
            log.error("export {} team={} failed", loop.displayId(), loop.teamId(), e);
            send(reply, ":warning: Exporting *" + loop.displayId() + "* failed on our side. Try again; if it keeps"
                    + " failing, tell whoever runs devloop.");
        }
    }

    private static void send(Reply reply, String text) {
        try {
            reply.send(text);
        } catch (IOException | RuntimeException e) {
            log.warn("could not answer through response_url: {}", e.toString());
        }
    }

    /** "Exporting 5 files for L-3 Checkout v2 …", naming the channel when it is not the one the user is in. */
    static String progress(Loop loop, String requestChannelId) {
        String where = loop.channelId().equals(requestChannelId) ? "" : " to <#" + loop.channelId() + ">";
        return ":hourglass_flowing_sand: Exporting " + ExportService.FILE_COUNT + " files for *" + loop.displayId() + " "
                + SlackText.escape(SlackText.truncate(loop.feature(), FEATURE_LIMIT)) + "*" + where + " …";
    }

    private boolean firstTime(String teamId, String key) {
        return jdbi.inTransaction(h -> RetryDedupe.firstTime(h, teamId, key, clock.instant()));
    }
}
