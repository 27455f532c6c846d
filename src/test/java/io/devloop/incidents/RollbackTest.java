package io.devloop.incidents;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.devloop.incidents.IncidentFixtures.BOB;
import static io.devloop.incidents.IncidentFixtures.declare;
import static io.devloop.incidents.IncidentFixtures.drained;
import static io.devloop.incidents.IncidentFixtures.timeline;
import static org.assertj.core.api.Assertions.assertThat;

/** `/devloop rollback`: one notification, recorded, finished from its buttons; joins an open incident of the service. */
class RollbackTest extends DevloopTest {

    private List<FakeSlack.Call> rollbackPosts() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.get("text").contains("Rollback of")).toList();
    }

    @Test
    void rollback_command_posts_one_notification_and_records_it() {
        var ack = server.slack().command("rollback payments v1.4.2 error rate 5%");
        assertThat(SlackRequests.ackText(ack)).contains("Rollback of *payments* recorded");

        assertThat(server.count("rollbacks WHERE service = 'payments' AND to_version = 'v1.4.2' AND reason = 'error rate 5%'"
                + " AND requested_by = '" + SlackRequests.USER + "' AND status = 'started' AND incident_id IS NULL")).isEqualTo(1);
        drained(server);
        assertThat(rollbackPosts()).hasSize(1);
        FakeSlack.Call post = rollbackPosts().get(0);
        assertThat(post.get("channel")).isEqualTo(SlackRequests.CHANNEL);
        assertThat(post.get("text")).isEqualTo("🔄 Rollback of payments to v1.4.2 started");
        assertThat(post.blocks().toString()).contains("error rate 5%", "`v1.4.2`", RollbackViews.COMPLETED_ACTION, RollbackViews.FAILED_ACTION);
    }

    @Test
    void completed_updates_the_notification_in_place_with_its_duration_once() {
        server.slack().command("rollback payments v1.4.2");
        String id = server.queryString("SELECT MAX(id) FROM rollbacks");
        server.slack().clickButton(BOB, RollbackViews.COMPLETED_ACTION, id);
        server.slack().clickButton(BOB, RollbackViews.FAILED_ACTION, id);

        assertThat(server.count("rollbacks WHERE status = 'completed' AND finished_by = '" + BOB + "'")).isEqualTo(1);
        drained(server);
        assertThat(rollbackPosts()).hasSize(1);
        String ts = server.queryString("SELECT message_ts FROM outbox WHERE id = (SELECT message_outbox_id FROM rollbacks WHERE id = " + id + ")");
        List<FakeSlack.Call> updates = slack.calls("chat.update").stream().filter(u -> ts.equals(u.get("ts"))).toList();
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).get("text")).isEqualTo("✅ Rollback of payments to v1.4.2 completed");
        assertThat(updates.get(0).blocks().toString()).contains("completed in", "<@" + BOB + ">").doesNotContain(RollbackViews.COMPLETED_ACTION);
        org.awaitility.Awaitility.await().until(() -> slack.responses().size() == 1);
        assertThat(slack.responses().get(0).get("text").getAsString()).isEqualTo("This rollback was already marked completed.");
    }

    @Test
    void a_rollback_of_a_service_with_an_open_incident_joins_its_timeline_and_the_service_becomes_known() {
        long incident = declare(server, "SEV2", "payments", "Payments failing");
        var ack = server.slack().command("rollback PAYMENTS deploy broke refunds");
        assertThat(SlackRequests.ackText(ack)).contains("added to the open incident's timeline");
        assertThat(server.count("rollbacks WHERE incident_id = " + incident + " AND to_version IS NULL AND reason = 'deploy broke refunds'"))
                .isEqualTo(1);
        assertThat(timeline(server, incident)).extracting(TimelineEntry::kind).containsExactly("declared", "rollback");

        // the service is known now, so the next declaration reads it as the service, not the title
        server.slack().command("incident sev1 payments Refunds fail");
        assertThat(server.count("incidents WHERE service = 'payments' AND title = 'Refunds fail' AND severity = 1")).isEqualTo(1);
    }

    @Test
    void the_version_rolled_back_from_is_the_services_latest_successful_deployment() {
        server.jdbi().useHandle(h -> {
            h.execute("INSERT INTO deployments (team_id, service, environment, production, state, sha, ref, deployed_at, created_at)"
                    + " VALUES (?, 'payments', 'production', TRUE, 'success', '9fceb02d0ae598e95dc970b74767f19372d61af8', 'main',"
                    + " CURRENT_TIMESTAMP - INTERVAL '2' HOUR, CURRENT_TIMESTAMP)", FakeSlack.TEAM);
            h.execute("INSERT INTO deployments (team_id, service, environment, production, state, sha, ref, deployed_at, created_at)"
                    + " VALUES (?, 'payments', 'production', TRUE, 'success', 'abc1234', 'refs/tags/v1.5.0',"
                    + " CURRENT_TIMESTAMP - INTERVAL '1' HOUR, CURRENT_TIMESTAMP)", FakeSlack.TEAM);
            h.execute("INSERT INTO deployments (team_id, service, environment, production, state, sha, ref, deployed_at, created_at)"
                    + " VALUES (?, 'payments', 'production', TRUE, 'failure', 'def5678', 'v1.6.0', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                    FakeSlack.TEAM);
        });
        server.slack().command("rollback payments v1.4.2");
        assertThat(server.queryString("SELECT from_version FROM rollbacks")).isEqualTo("v1.5.0");
        drained(server);
        assertThat(rollbackPosts().get(0).blocks().toString()).contains("`v1.5.0` → `v1.4.2`");
        assertThat(RollbackService.version("main", "9fceb02d0ae598e95dc970b74767f19372d61af8")).isEqualTo("9fceb02");

        // a service devloop saw deployed is a known service for `/devloop incident`
        server.slack().command("incident sev2 payments Refund API slow");
        assertThat(server.count("incidents WHERE service = 'payments' AND title = 'Refund API slow'")).isEqualTo(1);
    }

    @Test
    void rollback_with_no_words_opens_the_form_and_the_form_checks_the_service() {
        server.slack().command("rollback");
        org.awaitility.Awaitility.await().until(() -> slack.calls("views.open").size() == 1);
        assertThat(slack.calls("views.open").get(0).get("view")).contains(IncidentModals.ROLLBACK_CALLBACK, "rollback_service");

        var r = server.slack().submitView(IncidentModals.ROLLBACK_CALLBACK, SlackRequests.CHANNEL + "|", SlackRequests.state(
                IncidentForms.RB_SERVICE.id(), SlackRequests.text("payment api")));
        assertThat(SlackRequests.errors(r).get(IncidentForms.RB_SERVICE.id()).getAsString()).contains("one word");
        assertThat(server.count("rollbacks")).isZero();
    }

    @Test
    void a_redelivered_rollback_command_records_and_posts_once() {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, "rollback payments v1.4.2");
        server.slack().send(body, "application/x-www-form-urlencoded", Map.of());
        server.slack().send(body, "application/x-www-form-urlencoded", Map.of("X-Slack-Retry-Num", "1"));
        assertThat(server.count("rollbacks")).isEqualTo(1);
        drained(server);
        assertThat(rollbackPosts()).hasSize(1);
    }
}
