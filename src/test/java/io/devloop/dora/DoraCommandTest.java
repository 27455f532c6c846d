package io.devloop.dora;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.Webhooks;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `/devloop dora` over what the GitHub webhook recorded and the incidents and rollbacks tables hold. */
class DoraCommandTest extends DevloopTest {
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void dora_reports_overall_and_per_service_with_bands_and_missing_commit_times() {
        push("c0ffee1", now.minus(3, ChronoUnit.HOURS));
        deploy("c0ffee1", now.minus(1, ChronoUnit.HOURS));   // lead time 2 h
        deploy("deadbee", now.minus(2, ChronoUnit.DAYS));    // no commit time known
        incident("checkout", now.minus(30, ChronoUnit.MINUTES), now.minus(10, ChronoUnit.MINUTES)); // 20 min, 30 min after the deploy
        server.jdbi().useHandle(h -> h.execute("""
                INSERT INTO rollbacks (team_id, channel_id, service, requested_by, started_at)
                VALUES (?, 'C1', 'checkout', 'U1', ?)""", FakeSlack.TEAM, now.minus(47, ChronoUnit.HOURS)));

        HttpResponse<String> answer = server.slack().command("dora");

        String body = answer.body();
        assertThat(SlackRequests.ackText(answer)).isEqualTo("DORA metrics, last 30 days");
        assertThat(body).contains("2 deployments (0.07/day) _Medium_",
                "median 2 h _Elite_ — 1 of 2 deployments had no known commit time and are left out",
                "2 of 2 (100.0 %) _Low_",
                "median 20 min over 1 incident _Elite_",
                "*checkout* ·");
        assertThat(body).contains("DORA State of DevOps 2024");
    }

    @Test
    void a_shorter_window_leaves_older_deployments_out_and_bad_days_get_usage() {
        deploy("c0ffee1", now.minus(3, ChronoUnit.DAYS));
        assertThat(server.slack().command("dora 1").body()).contains("no deployments");
        assertThat(server.slack().command("dora 7 days").body()).contains("1 deployment (0.14/day)");
        assertThat(SlackRequests.ackText(server.slack().command("dora soon"))).startsWith("Usage: `/devloop dora [days]`");
        assertThat(SlackRequests.ackText(server.slack().command("dora 0"))).startsWith("Usage:");
        assertThat(SlackRequests.ackText(server.slack().command("dora 366"))).startsWith("Usage:");
    }

    private void deploy(String sha, Instant at) {
        String body = """
                {"action":"created","repository":{"name":"checkout"},
                 "deployment":{"sha":"%s","ref":"main","environment":"production"},
                 "deployment_status":{"id":%d,"state":"success","environment":"production","created_at":"%s"}}"""
                .formatted(sha, at.toEpochMilli(), at);
        assertThat(Webhooks.github(server, "deployment_status", Webhooks.newDelivery(), body).statusCode()).isEqualTo(202);
    }

    private void push(String sha, Instant at) {
        String body = """
                {"repository":{"name":"checkout"},"commits":[{"id":"%s","timestamp":"%s"}]}""".formatted(sha, at);
        assertThat(Webhooks.github(server, "push", Webhooks.newDelivery(), body).statusCode()).isEqualTo(202);
    }

    private void incident(String service, Instant started, Instant resolved) {
        server.jdbi().useHandle(h -> h.execute("""
                INSERT INTO incidents (team_id, seq, channel_id, title, service, severity, status, declared_by, started_at,
                                       declared_at, resolved_at, last_update_at, updated_at)
                VALUES (?, 1, 'C1', 'Checkout down', ?, 1, 'resolved', 'U1', ?, ?, ?, ?, ?)""",
                FakeSlack.TEAM, service, started, started, resolved, resolved, resolved));
    }
}
