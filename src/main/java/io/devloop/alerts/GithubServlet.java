package io.devloop.alerts;

import io.devloop.server.WebhookServlet;
import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /webhooks/github}: signed with {@code GITHUB_WEBHOOK_SECRET}, deduped by {@code X-GitHub-Delivery}. */
public final class GithubServlet extends WebhookServlet {
    private final String teamId;
    private final GithubService github;

    public GithubServlet(String secret, String teamId, GithubService github) {
        super("GITHUB_WEBHOOK_SECRET", secret);
        this.teamId = teamId;
        this.github = github;
    }

    @Override
    protected boolean authorized(HttpServletRequest req, byte[] body, String secret) {
        return constantTimeEquals(GithubSignature.of(secret, body), req.getHeader("X-Hub-Signature-256"));
    }

    @Override
    protected Answer handle(HttpServletRequest req, byte[] body) {
        String event = req.getHeader("X-GitHub-Event");
        if (event == null || event.isBlank()) {
            throw new BadRequest("the X-GitHub-Event header is missing");
        }
        String delivery = req.getHeader("X-GitHub-Delivery");
        if (delivery == null || delivery.isBlank() || delivery.length() > 200) {
            throw new BadRequest("the X-GitHub-Delivery header is missing or longer than 200 characters");
        }
        return github.handle(teamId, event.strip(), delivery.strip(), AlertmanagerPayload.object(body));
    }
}
