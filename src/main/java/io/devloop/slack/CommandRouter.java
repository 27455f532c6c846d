package io.devloop.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * `/devloop` is registered once, here; each domain registers its subcommands. Unknown words and commands
 * that are not built yet get an ephemeral answer, never an error.
 */
public final class CommandRouter {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CommandRouter.class);
    public static final String COMMAND = "/devloop";

    /** What a subcommand handler gets: the request's facts, the words after the subcommand, and a dedupe key. */
    public record Call(String teamId, String teamDomain, String channelId, String userId, String args,
                       String requestKey, String triggerId) {
    }

    @FunctionalInterface
    public interface Subcommand {
        Response handle(Call call, SlashCommandContext ctx);
    }

    private final Map<String, Subcommand> subcommands = new LinkedHashMap<>();

    public CommandRouter() {
        subcommands.put("help", (call, ctx) -> ctx.ack(HelpText.render(subcommands.keySet())));
    }

    public void subcommand(String token, Subcommand handler) {
        if (CommandGrammar.usagesOf(token).isEmpty()) {
            throw new IllegalArgumentException("'" + token + "' is not in the /devloop grammar");
        }
        subcommands.put(token, handler);
    }

    public void register(App app) {
        app.command(COMMAND, this::dispatch);
    }

    private Response dispatch(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        String text = p.getText() == null ? "" : SlackText.unescape(p.getText()).strip();
        String[] words = text.split("\\s+", 2);
        String token = words[0].toLowerCase(Locale.ROOT);
        String args = words.length > 1 ? words[1].strip() : "";
        if (token.isEmpty()) {
            token = "help";
        }
        Subcommand handler = subcommands.get(token);
        if (handler != null) {
            Call call = new Call(p.getTeamId(), p.getTeamDomain(), p.getChannelId(), p.getUserId(), args,
                    RetryDedupe.keyOf(req), p.getTriggerId());
            try {
                return handler.handle(call, ctx);
            } catch (RuntimeException e) {
                // the handler's transaction rolled back: say so in words instead of Slack's generic failure
                log.error("/devloop {} failed for team {}", token, p.getTeamId(), e);
                return ctx.ack(HelpText.failed(token));
            }
        }
        if (!CommandGrammar.usagesOf(token).isEmpty()) {
            return ctx.ack(HelpText.comingSoon(token));
        }
        return ctx.ack(HelpText.unknown(words[0]));
    }
}
