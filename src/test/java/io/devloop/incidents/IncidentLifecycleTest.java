package io.devloop.incidents;

import com.google.gson.JsonArray;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.devloop.incidents.IncidentFixtures.ALICE;
import static io.devloop.incidents.IncidentFixtures.BOB;
import static io.devloop.incidents.IncidentFixtures.CHANNEL;
import static io.devloop.incidents.IncidentFixtures.declare;
import static io.devloop.incidents.IncidentFixtures.drained;
import static io.devloop.incidents.IncidentFixtures.incident;
import static io.devloop.incidents.IncidentFixtures.timeline;
import static io.devloop.testing.SlackRequests.choice;
import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole life of an incident through signed requests, as a team would run it. */
class IncidentLifecycleTest extends DevloopTest {

    @Test
    void declare_ack_update_rollback_mitigate_resolve_and_learn() {
        long id = declare(server, "SEV2", "checkout", "Checkout returns 500 for card payments");
        String ref = Long.toString(id);

        assertThat(server.slack().clickButton(BOB, IncidentViews.ACK_ACTION, ref).statusCode()).isEqualTo(200);
        assertThat(server.slack().submitView(BOB, IncidentModals.UPDATE_CALLBACK, ref, state(
                IncidentForms.NOTE.id(), text("Error rate 5% since deploy 4.2; rolling back"),
                IncidentForms.CAUSE_FOUND.id(), choice("identified"))).body()).doesNotContain("errors");
        assertThat(server.slack().submitView(BOB, IncidentModals.ROLLBACK_CALLBACK, CHANNEL + "|" + id, state(
                IncidentForms.RB_SERVICE.id(), text("checkout"),
                IncidentForms.RB_VERSION.id(), text("v4.1.0"),
                IncidentForms.RB_REASON.id(), text("error rate 5%"))).body()).doesNotContain("errors");
        server.slack().clickButton(BOB, IncidentViews.MITIGATED_ACTION, ref);
        server.slack().clickButton(ALICE, IncidentViews.RESOLVED_ACTION, ref);
        assertThat(server.slack().submitView(BOB, IncidentModals.LEARNING_CALLBACK, ref, state(
                IncidentForms.ROOT_CAUSE.id(), text("A config flag disabled the card processor's retry"),
                IncidentForms.RESOLUTION.id(), text("Rolled back to v4.1.0"),
                IncidentForms.PREVENTION.id(), text("- Canary the payment path\n- Alert on 5xx > 1%"),
                IncidentForms.AS_TASKS.id(), choice("tasks"),
                IncidentForms.LESSONS.id(), text("Roll back first, debug later"))).body()).doesNotContain("errors");

        // the stored timeline: seven entries, right actors, right order
        List<TimelineEntry> entries = timeline(server, id);
        assertThat(entries).extracting(TimelineEntry::kind).containsExactly("declared", "acknowledged", "update", "rollback",
                "mitigated", "resolved", "learning");
        assertThat(entries).extracting(TimelineEntry::actorId).containsExactly(ALICE, BOB, BOB, BOB, BOB, ALICE, BOB);
        assertThat(entries.get(2).text()).contains("identified the cause", "Error rate 5%");
        assertThat(entries.get(3).text()).contains("rollback of checkout to `v4.1.0`", "error rate 5%");

        // the stored incident: status, commander, times; MTTA and MTTR from them
        Incident i = incident(server, id);
        assertThat(i.statusValue()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(i.commanderId()).isEqualTo(BOB);
        assertThat(i.acknowledgedAt()).isAfterOrEqualTo(i.declaredAt());
        assertThat(i.mitigatedAt()).isAfterOrEqualTo(i.acknowledgedAt());
        assertThat(i.resolvedAt()).isAfterOrEqualTo(i.mitigatedAt());
        assertThat(i.mtta()).contains(Duration.between(i.declaredAt(), i.acknowledgedAt()));
        assertThat(i.mttr()).contains(Duration.between(i.startedAt(), i.resolvedAt()));
        assertThat(i.mttr().orElseThrow()).isLessThan(Duration.ofMinutes(1));
        assertThat(server.count("rollbacks WHERE incident_id = " + id + " AND to_version = 'v4.1.0'")).isEqualTo(1);
        assertThat(server.count("tasks WHERE title LIKE '%(INC-1)' AND assignee_id = '" + BOB + "'")).isEqualTo(2);

        drained(server);
        // the card: posted once, then updated in place; its last state is resolved with the response times
        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        FakeSlack.Call card = posts.stream().filter(c -> c.get("text").contains("INC-1") && c.get("thread_ts") == null
                && CHANNEL.equals(c.get("channel"))).findFirst().orElseThrow();
        String cardTs = i.cardOutboxId() == null ? null : server.queryString("SELECT message_ts FROM outbox WHERE id = " + i.cardOutboxId());
        List<FakeSlack.Call> updates = slack.calls("chat.update").stream().filter(u -> u.get("ts").equals(cardTs)).toList();
        assertThat(card.blocks().toString()).contains("Investigating", "incident.ack");
        FakeSlack.Call last = updates.get(updates.size() - 1);
        String finalCard = last.blocks().toString();
        assertThat(last.get("text")).contains("INC-1", "SEV2", "resolved");
        assertThat(finalCard).contains("Resolved", "<@" + BOB + ">", "Time to acknowledge", "Time to resolve",
                "target < 15 min", "✅", "Edit learning log", "learning log written")
                .doesNotContain("incident.ack", "incident.mitigated");
        assertThat(finalCard).contains("Time to resolve: *" + io.devloop.slack.SlackText.duration(i.mttr().orElseThrow()) + "*");

        // the timeline's replies in the card's thread, in order
        List<String> replies = posts.stream().filter(c -> cardTs.equals(c.get("thread_ts"))).map(c -> c.get("text")).toList();
        assertThat(replies).hasSize(7);
        assertThat(replies.get(0)).contains("declared INC-1");
        assertThat(replies.get(1)).contains("acknowledged");
        assertThat(replies.get(6)).contains("wrote the learning log");

        // the rollback notification (one) and the commander's learning-log request (a DM)
        assertThat(posts.stream().filter(c -> c.get("text").startsWith("🔄 Rollback of checkout"))).hasSize(1);
        assertThat(posts.stream().filter(c -> BOB.equals(c.get("channel")) && c.get("text").contains("INC-1 is resolved"))).hasSize(1);
    }

    @Test
    void resolving_a_resolved_incident_is_refused_in_words_and_changes_nothing() {
        long id = declare(server, "SEV3", "search", "Search is slow");
        String ref = Long.toString(id);
        server.slack().clickButton(IncidentViews.RESOLVED_ACTION, ref);
        Incident resolved = incident(server, id);
        int entries = timeline(server, id).size();

        server.slack().clickButton(BOB, IncidentViews.RESOLVED_ACTION, ref);
        server.slack().clickButton(BOB, IncidentViews.MITIGATED_ACTION, ref);
        server.slack().clickButton(BOB, IncidentViews.ACK_ACTION, ref);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 3);
        assertThat(slack.responses()).extracting(r -> r.get("text").getAsString()).containsExactly(
                "INC-1 is already resolved.",
                "INC-1 is resolved; it cannot go back to mitigated. Incidents move investigating → identified → mitigated → resolved.",
                "INC-1 is already resolved.");
        assertThat(slack.responses()).allSatisfy(r -> assertThat(r.get("response_type").getAsString()).isEqualTo("ephemeral"));
        assertThat(incident(server, id)).isEqualTo(resolved);
        assertThat(timeline(server, id)).hasSize(entries);
    }

    @Test
    void a_redelivered_click_applies_its_transition_once() {
        long id = declare(server, "SEV2", "checkout", "Checkout is down");
        var click = server.slack().buttonClick(BOB, IncidentViews.ACK_ACTION, Long.toString(id));
        assertThat(server.slack().interactivity(click).statusCode()).isEqualTo(200);
        assertThat(server.slack().interactivity(click, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"))
                .statusCode()).isEqualTo(200);
        var mitigate = server.slack().buttonClick(BOB, IncidentViews.MITIGATED_ACTION, Long.toString(id));
        server.slack().interactivity(mitigate);
        server.slack().interactivity(mitigate, Map.of("X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(timeline(server, id)).extracting(TimelineEntry::kind).containsExactly("declared", "acknowledged", "mitigated");
        drained(server);
        assertThat(slack.responses()).isEmpty(); // a redelivery is silent: the first delivery already answered
    }

    @Test
    void an_update_on_an_incident_restarts_its_reminder_and_the_summary_shows_the_timeline() {
        long id = declare(server, "SEV1", "api", "API down in eu-west-1");
        server.slack().submitView(BOB, IncidentModals.UPDATE_CALLBACK, Long.toString(id), state(
                IncidentForms.NOTE.id(), text("Failing over to eu-central-1 <!channel>"),
                IncidentForms.CAUSE_FOUND.id(), choice("keep")));

        var summary = server.slack().command("incident inc-1");
        JsonArray blocks = com.google.gson.JsonParser.parseString(summary.body()).getAsJsonObject().getAsJsonArray("blocks");
        assertThat(summary.body()).contains("ephemeral");
        assertThat(blocks.toString()).contains("Timeline", "declared INC-1", "Failing over to eu-central-1 &lt;!channel&gt;",
                "after it is resolved").doesNotContain("incident.ack");
        assertThat(incident(server, id).statusValue()).isEqualTo(IncidentStatus.INVESTIGATING);
    }
}
