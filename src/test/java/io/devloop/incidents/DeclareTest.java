package io.devloop.incidents;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.devloop.incidents.IncidentFixtures.declareMetadata;
import static io.devloop.incidents.IncidentFixtures.drained;
import static io.devloop.testing.SlackRequests.choice;
import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Declaring: from the command line, from the form, its checks, the list, and the alert channel's copy of the card. */
class DeclareTest extends DevloopTest {

    @Test
    void command_declares_with_the_next_id_and_posts_the_card() {
        var ack = server.slack().command("incident sev2 Checkout returns 500");
        assertThat(SlackRequests.ackText(ack)).contains("Declared *INC-1* (SEV2)");
        server.slack().command("incident Search is slow");
        assertThat(server.count("incidents WHERE seq = 1 AND severity = 2 AND title = 'Checkout returns 500' AND service IS NULL"
                + " AND commander_id IS NULL AND declared_by = '" + SlackRequests.USER + "'")).isEqualTo(1);
        assertThat(server.count("incidents WHERE seq = 2 AND severity = 3")).isEqualTo(1);
        drained(server);
        List<FakeSlack.Call> cards = slack.calls("chat.postMessage").stream()
                .filter(c -> c.get("thread_ts") == null && SlackRequests.CHANNEL.equals(c.get("channel"))).toList();
        assertThat(cards).extracting(c -> c.get("text")).containsExactly(
                "🟠 INC-1 SEV2 investigating: Checkout returns 500", "🟡 INC-2 SEV3 investigating: Search is slow");
        assertThat(cards.get(0).blocks().toString()).contains("Major degradation", "acknowledge to take it",
                IncidentViews.ACK_ACTION, IncidentViews.UPDATE_ACTION, IncidentViews.MITIGATED_ACTION, IncidentViews.RESOLVED_ACTION,
                IncidentViews.ROLLBACK_ACTION, IncidentViews.SEVERITY_ACTION);
    }

    @Test
    void no_words_or_only_a_severity_open_the_form_with_the_severity_meanings() {
        server.slack().command("incident");
        server.slack().command("incident sev1");
        org.awaitility.Awaitility.await().until(() -> slack.calls("views.open").size() == 2);
        List<String> views = slack.calls("views.open").stream().map(c -> c.get("view")).toList();
        assertThat(views).allSatisfy(v -> assertThat(v).contains("Declare an incident", "Full outage or data loss",
                "Major degradation", "Minor impact", "Cosmetic"));
        assertThat(views).filteredOn(v -> v.contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"🟡 SEV3")).hasSize(1);
        assertThat(views).anySatisfy(v -> assertThat(v).contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\","
                + "\"text\":\"🔴 SEV1 — Full outage or data loss\""));
        assertThat(server.count("incidents")).isZero();
    }

    @Test
    void a_started_at_in_the_future_is_refused_next_to_the_field_in_the_declarers_zone() {
        slack.userZone(SlackRequests.USER, "Asia/Tokyo");
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        var r = server.slack().submitView(IncidentModals.DECLARE_CALLBACK, declareMetadata(), state(
                IncidentForms.TITLE.id(), text("DB failover"), IncidentForms.SEVERITY.id(), choice("SEV1"),
                IncidentForms.STARTED_DATE.id(), SlackRequests.date(tomorrow), IncidentForms.STARTED_TIME.id(), SlackRequests.time("09:00")));
        assertThat(SlackRequests.errors(r).get(IncidentForms.STARTED_TIME.id()).getAsString()).contains("future", "Asia/Tokyo");
        assertThat(server.count("incidents")).isZero();

        String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1).toString();
        server.slack().submitView(IncidentModals.DECLARE_CALLBACK, declareMetadata(), state(
                IncidentForms.TITLE.id(), text("DB failover"), IncidentForms.SEVERITY.id(), choice("SEV1"),
                IncidentForms.COMMANDER.id(), SlackRequests.user("U0BOB"),
                IncidentForms.STARTED_DATE.id(), SlackRequests.date(today), IncidentForms.STARTED_TIME.id(), SlackRequests.time("09:00")));
        Incident i = IncidentFixtures.incident(server, Long.parseLong(server.queryString("SELECT MAX(id) FROM incidents")));
        assertThat(i.startedAt()).isEqualTo(LocalDate.parse(today).atTime(9, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant());
        assertThat(i.commanderId()).isEqualTo("U0BOB");
        assertThat(i.mttd()).isPresent();
    }

    @Test
    void acknowledging_republishes_the_new_commanders_home_tab_with_the_incident() {
        long id = IncidentFixtures.declare(server, "SEV1", "api", "API down");
        server.slack().clickButton("U0BOB", IncidentViews.ACK_ACTION, Long.toString(id));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> slack.calls("views.publish").stream()
                .anyMatch(c -> "U0BOB".equals(c.get("user_id")) && c.get("view").contains("INC-1")));
        assertThat(slack.calls("views.publish")).anySatisfy(c -> assertThat(c.get("user_id")).isEqualTo(SlackRequests.USER));
    }

    @Test
    void declaring_from_the_home_tab_asks_for_the_channel_of_the_card() {
        assertThat(com.slack.api.util.json.GsonFactory.createSnakeCase().toJson(IncidentModals.declare(
                IncidentHandlers.prefill(null, "{}")))).contains("conversations_select", IncidentModals.CHANNEL);
        var missing = server.slack().submitView(IncidentModals.DECLARE_CALLBACK, "{}", state(
                IncidentForms.TITLE.id(), text("Login fails"), IncidentForms.SEVERITY.id(), choice("SEV2")));
        assertThat(SlackRequests.errors(missing).get(IncidentModals.CHANNEL).getAsString()).contains("Pick the channel");
        assertThat(server.count("incidents")).isZero();

        server.slack().submitView(IncidentModals.DECLARE_CALLBACK, "{}", state(
                IncidentForms.TITLE.id(), text("Login fails"), IncidentForms.SEVERITY.id(), choice("SEV2"),
                IncidentModals.CHANNEL, SlackRequests.conversation("C0OPS")));
        assertThat(server.count("incidents WHERE channel_id = 'C0OPS' AND title = 'Login fails'")).isEqualTo(1);
    }

    @Test
    void incidents_lists_open_ones_and_recent_ones_with_their_learning_log_status() {
        long a = IncidentFixtures.declare(server, "SEV1", "api", "API down");
        IncidentFixtures.declare(server, "SEV3", "search", "Search slow");
        server.slack().clickButton(IncidentViews.RESOLVED_ACTION, Long.toString(a));

        var list = server.slack().command("incidents");
        assertThat(list.body()).contains("ephemeral", "*Open*", "INC-2", "Search slow", "no commander",
                "Resolved in the last 30 days", "INC-1", "learning log missing");
        var unknown = server.slack().command("incident INC-9");
        assertThat(SlackRequests.ackText(unknown)).contains("There is no incident `INC-9`");
    }

    @Test
    void with_an_alert_channel_the_card_is_mirrored_there_and_both_copies_follow_changes() {
        Map<String, String> env = new HashMap<>(TestServer.env(slack, TestServer.freshH2Url()));
        env.put("DEVLOOP_ALERT_CHANNEL", "C0ALERTS");
        try (TestServer other = TestServer.start(env)) {
            long id = IncidentFixtures.declare(other, "SEV2", "api", "API slow");
            other.slack().clickButton(IncidentViews.ACK_ACTION, Long.toString(id));
            drained(other);
            List<FakeSlack.Call> cards = slack.calls("chat.postMessage").stream().filter(c -> c.get("thread_ts") == null).toList();
            assertThat(cards).extracting(c -> c.get("channel")).containsExactlyInAnyOrder(SlackRequests.CHANNEL, "C0ALERTS");
            assertThat(slack.calls("chat.update")).extracting(c -> c.get("channel"))
                    .containsExactlyInAnyOrder(SlackRequests.CHANNEL, "C0ALERTS");
        }
    }
}
