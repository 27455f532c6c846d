package io.devloop.dora;

import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import io.devloop.slack.CommandRouter;

/** `/devloop dora [days]`: an ephemeral answer (one person's question), read-only, so nothing to dedupe. */
public final class DoraHandlers {
    static final String USAGE = "Usage: `/devloop dora [days]` — DORA metrics for the last N days (1–"
            + DoraService.MAX_DAYS + ", default " + DoraService.DEFAULT_DAYS + ").";

    private final DoraService dora;

    public DoraHandlers(DoraService dora) {
        this.dora = dora;
    }

    public void register(CommandRouter router) {
        router.subcommand("dora", this::command);
    }

    private Response command(CommandRouter.Call call, SlashCommandContext ctx) {
        String arg = call.args().strip().replaceFirst("(?i)\\s*(d|days?)$", "");
        int days = DoraService.DEFAULT_DAYS;
        if (!arg.isEmpty()) {
            try {
                days = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                return ctx.ack(USAGE);
            }
            if (days < 1 || days > DoraService.MAX_DAYS) {
                return ctx.ack(USAGE);
            }
        }
        Dora.Report report = dora.report(call.teamId(), days);
        return ctx.ack(r -> r.responseType("ephemeral").text(DoraViews.text(report)).blocks(DoraViews.report(report)));
    }
}
