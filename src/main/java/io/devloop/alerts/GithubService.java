package io.devloop.alerts;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.devloop.db.InsertIfAbsent;
import io.devloop.server.WebhookServlet.Answer;
import io.devloop.server.WebhookServlet.BadRequest;
import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GitHub intake: deploys (deployment_status) and failed pipelines (workflow_run) announced in the service's channel,
 * deployments and commit times recorded for DORA. A delivery is processed once: its X-GitHub-Delivery is stored in
 * the transaction that stores what it said. The payload is read completely before that transaction starts.
 */
public final class GithubService {
    private static final Set<String> FINAL_DEPLOY_STATES = Set.of("success", "failure", "error");

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final String fallbackChannel;
    private final Clock clock;
    private final MeterRegistry registry;

    public GithubService(Jdbi jdbi, Outbox outbox, String fallbackChannel, MeterRegistry registry, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.fallbackChannel = fallbackChannel;
        this.registry = registry;
        this.clock = clock;
    }

    /** What one event asks devloop to store and say; parsed before anything is written. */
    private record Work(Deployment deployment, List<CommitTime> commits, Notice notice, String ignoredBecause) {
    }

    private record CommitTime(String sha, Instant at) {
    }

    /** A message for the service's channel. */
    private record Notice(String service, String text) {
    }

    public Answer handle(String teamId, String event, String delivery, JsonObject payload) {
        if (event.equals("ping")) {
            return Answer.ok(Map.of("status", "pong"));
        }
        Work work = switch (event) {
            case "deployment_status" -> deploymentStatus(teamId, payload);
            case "workflow_run" -> workflowRun(payload);
            case "push" -> push(payload);
            default -> null;
        };
        if (work == null) {
            count(event, "ignored");
            return Answer.accepted(Map.of("status", "ignored", "reason", "devloop does not use " + event + " events"));
        }
        Instant now = clock.instant();
        boolean first = jdbi.inTransaction(h -> {
            if (!WebhookDedupe.firstTime(h, teamId, WebhookDedupe.GITHUB, delivery, now)) {
                return false;
            }
            store(h, teamId, work, now);
            return true;
        });
        if (!first) {
            count(event, "duplicate");
            return Answer.ok(Map.of("status", "duplicate", "delivery", delivery));
        }
        if (work.notice() != null) {
            outbox.wake();
        }
        count(event, work.ignoredBecause() == null ? "processed" : "ignored");
        return work.ignoredBecause() == null ? Answer.accepted(Map.of("status", "processed"))
                : Answer.accepted(Map.of("status", "ignored", "reason", work.ignoredBecause()));
    }

    private void count(String event, String outcome) {
        Counter.builder("devloop.github.events").description("GitHub webhook deliveries by event and outcome")
                .tag("event", Set.of("deployment_status", "workflow_run", "push").contains(event) ? event : "other")
                .tag("outcome", outcome).register(registry).increment();
    }

    private void store(Handle h, String teamId, Work work, Instant now) {
        if (work.deployment() != null) {
            Deployment d = work.deployment();
            h.createUpdate("""
                            INSERT INTO deployments (team_id, service, environment, production, state, sha, ref, deployed_at,
                                                     github_status_id, created_at)
                            VALUES (:teamId, :service, :environment, :production, :state, :sha, :ref, :deployedAt,
                                    :githubStatusId, :now)""")
                    .bindMethods(d).bind("now", now).execute();
        }
        for (CommitTime c : work.commits()) {
            InsertIfAbsent.run(h.createUpdate("""
                            INSERT INTO commit_times (team_id, sha, committed_at) VALUES (:teamId, :sha, :at)
                            ON CONFLICT DO NOTHING""")
                    .bind("teamId", teamId).bind("sha", c.sha()).bind("at", c.at()));
        }
        if (work.notice() != null) {
            String channel = new Routing(h, teamId, fallbackChannel).channel(null, work.notice().service());
            if (channel != null) {
                outbox.post(h, OutboxMessage.of(teamId, channel, work.notice().text(), null));
            }
        }
    }

    private Work deploymentStatus(String teamId, JsonObject p) {
        JsonObject status = object(p, "deployment_status");
        JsonObject deployment = object(p, "deployment");
        String service = repository(p);
        String state = required(status, "state", "deployment_status");
        if (!FINAL_DEPLOY_STATES.contains(state)) {
            return new Work(null, List.of(), null, "deployment state " + state + " is not final");
        }
        String environment = AlertmanagerPayload.string(status, "environment", null);
        if (environment == null || environment.isBlank()) {
            environment = required(deployment, "environment", "deployment");
        }
        JsonElement flag = deployment.get("production_environment");
        boolean production = Deployment.isProduction(environment,
                flag != null && flag.isJsonPrimitive() ? flag.getAsBoolean() : null);
        String sha = AlertmanagerPayload.string(deployment, "sha", null);
        String ref = AlertmanagerPayload.string(deployment, "ref", null);
        Instant at = AlertmanagerPayload.time(required(status, "created_at", "deployment_status"), "deployment_status.created_at");
        JsonElement id = status.get("id");
        Long statusId = id != null && id.isJsonPrimitive() ? id.getAsLong() : null;
        Deployment d = new Deployment(0, teamId, service, trim(environment, 200), production, state, trim(sha, 64),
                trim(ref, 300), at, statusId, null);
        String link = firstUrl(status, "log_url", "target_url");
        String what = "*" + esc(service) + "* " + (sha == null ? "" : "`" + esc(shortSha(sha)) + "`")
                + (ref == null || ref.equals(sha) ? "" : " (" + esc(ref) + ")");
        String text = state.equals(Deployment.SUCCESS)
                ? ":rocket: " + what + " deployed to *" + esc(environment) + "*"
                : ":x: Deployment of " + what + " to *" + esc(environment) + "* " + (state.equals("error") ? "errored" : "failed");
        return new Work(d, List.of(), new Notice(service, text + (link == null ? "" : " · " + AlertViews.link(link, "details"))), null);
    }

    private Work workflowRun(JsonObject p) {
        JsonObject run = object(p, "workflow_run");
        String action = AlertmanagerPayload.string(p, "action", "");
        String service = repository(p);
        List<CommitTime> commits = new ArrayList<>();
        String sha = AlertmanagerPayload.string(run, "head_sha", null);
        JsonElement head = run.get("head_commit");
        if (sha != null && head != null && head.isJsonObject()) {
            String ts = AlertmanagerPayload.string(head.getAsJsonObject(), "timestamp", null);
            if (ts != null) {
                commits.add(new CommitTime(trim(sha, 64), AlertmanagerPayload.time(ts, "workflow_run.head_commit.timestamp")));
            }
        }
        String conclusion = AlertmanagerPayload.string(run, "conclusion", null);
        if (!action.equals("completed") || !"failure".equals(conclusion)) {
            return new Work(null, commits, null, commits.isEmpty() ? "workflow run " + action + " " + conclusion : null);
        }
        String name = AlertmanagerPayload.string(run, "name", "");
        if (name.isBlank()) {
            name = AlertmanagerPayload.string(run, "display_title", "workflow");
        }
        String branch = AlertmanagerPayload.string(run, "head_branch", null);
        String url = AlertmanagerPayload.string(run, "html_url", null);
        String text = ":red_circle: *" + esc(service) + "*: " + esc(trim(name, 200)) + " failed"
                + (branch == null ? "" : " on `" + esc(trim(branch, 200)) + "`")
                + (sha == null ? "" : " (`" + esc(shortSha(sha)) + "`)")
                + (url == null ? "" : " · " + AlertViews.link(url, "view run"));
        return new Work(null, commits, new Notice(service, text), null);
    }

    private Work push(JsonObject p) {
        List<CommitTime> commits = new ArrayList<>();
        JsonElement list = p.get("commits");
        if (list != null && list.isJsonArray()) {
            int i = 0;
            for (JsonElement e : list.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    commit(e.getAsJsonObject(), "commits[" + i + "]", commits);
                }
                i++;
            }
        }
        JsonElement head = p.get("head_commit");
        if (head != null && head.isJsonObject()) {
            commit(head.getAsJsonObject(), "head_commit", commits);
        }
        return new Work(null, commits, null, commits.isEmpty() ? "push without commits" : null);
    }

    private static void commit(JsonObject c, String where, List<CommitTime> into) {
        String id = AlertmanagerPayload.string(c, "id", null);
        String ts = AlertmanagerPayload.string(c, "timestamp", null);
        if (id != null && ts != null) {
            into.add(new CommitTime(trim(id, 64), AlertmanagerPayload.time(ts, where + ".timestamp")));
        }
    }

    /** The service a repository's events belong to: the repository's name (ARCHITECTURE: one service namespace). */
    private static String repository(JsonObject p) {
        return trim(required(object(p, "repository"), "name", "repository"), 200);
    }

    private static JsonObject object(JsonObject p, String name) {
        JsonElement e = p.get(name);
        if (e == null || !e.isJsonObject()) {
            throw new BadRequest("'" + name + "' is missing or not an object");
        }
        return e.getAsJsonObject();
    }

    private static String required(JsonObject o, String name, String where) {
        String s = AlertmanagerPayload.string(o, name, null);
        if (s == null || s.isBlank()) {
            throw new BadRequest(where + "." + name + " is missing");
        }
        return s;
    }

    private static String firstUrl(JsonObject o, String... names) {
        for (String n : names) {
            String s = AlertmanagerPayload.string(o, n, null);
            if (s != null && s.startsWith("http")) {
                return s;
            }
        }
        return null;
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static String trim(String s, int max) {
        return s == null ? null : io.devloop.slack.SlackText.truncate(s, max);
    }

    private static String esc(String s) {
        return io.devloop.slack.SlackText.escape(s);
    }
}
