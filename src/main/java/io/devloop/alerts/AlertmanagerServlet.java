package io.devloop.alerts;

import io.devloop.server.WebhookServlet;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;

/** {@code POST /webhooks/alertmanager}: webhook version 4, {@code Authorization: Bearer $DEVLOOP_WEBHOOK_TOKEN}. */
public final class AlertmanagerServlet extends WebhookServlet {
    private final String teamId;
    private final AlertService alerts;

    /** @param teamId the workspace the boot auth.test named: webhook data belongs to it */
    public AlertmanagerServlet(String token, String teamId, AlertService alerts) {
        super("DEVLOOP_WEBHOOK_TOKEN", token);
        this.teamId = teamId;
        this.alerts = alerts;
    }

    @Override
    protected boolean authorized(HttpServletRequest req, byte[] body, String token) {
        String header = req.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && constantTimeEquals(token, header.substring(7).strip());
    }

    @Override
    protected Answer handle(HttpServletRequest req, byte[] body) {
        AlertService.Result r = alerts.ingest(teamId, AlertmanagerPayload.parse(body));
        return Answer.accepted(Map.of("alerts", r.alerts(), "processed", r.processed(), "duplicates", r.duplicates(),
                "unrouted", r.unrouted()));
    }
}
