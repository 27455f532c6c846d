package io.devloop.incidents;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.devloop.incidents.IncidentFixtures.BOB;
import static io.devloop.incidents.IncidentFixtures.declare;
import static io.devloop.incidents.IncidentFixtures.incident;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Status-update reminders with a short cadence (DEVLOOP_INCIDENT_UPDATE_EVERY), through Quartz and the outbox. */
class IncidentRemindersTest {
    private FakeSlack slack;
    private TestServer server;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        Map<String, String> env = new HashMap<>(TestServer.env(slack, TestServer.freshH2Url()));
        env.put("DEVLOOP_INCIDENT_UPDATE_EVERY", "sev1=2s,sev2=1h");
        server = TestServer.start(env);
        server.slack().respondVia(slack.baseUrl());
    }

    @AfterEach
    void stop() {
        server.close();
        slack.close();
    }

    private List<FakeSlack.Call> reminders() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.get("text").contains("has had no status update")).toList();
    }

    @Test
    void a_sev1_without_updates_reminds_its_commander_in_the_thread_and_stops_after_resolve() throws Exception {
        long id = declare(server, "SEV1", "api", "API down");
        server.slack().clickButton(BOB, IncidentViews.ACK_ACTION, Long.toString(id)); // Bob becomes commander; restarts the clock

        await().atMost(Duration.ofSeconds(10)).until(() -> !reminders().isEmpty());
        FakeSlack.Call reminder = reminders().get(0);
        String cardTs = server.queryString("SELECT message_ts FROM outbox WHERE id = " + incident(server, id).cardOutboxId());
        assertThat(reminder.get("thread_ts")).isEqualTo(cardTs);
        assertThat(reminder.get("text")).startsWith("⏰ <@" + BOB + ">, INC-1 has had no status update for");
        assertThat(reminder.blocks().toString()).contains(IncidentViews.SNOOZE_ACTION, IncidentViews.UPDATE_ACTION);

        server.slack().clickButton(BOB, IncidentViews.RESOLVED_ACTION, Long.toString(id));
        int sent = reminders().size();
        assertThat(server.app().scheduler().checkExists(QuartzIncidentReminders.jobKey(FakeSlack.TEAM, id))).isFalse();
        Thread.sleep(4500); // two more intervals: nothing follows a resolve
        assertThat(reminders()).hasSize(sent);
    }

    @Test
    void snooze_moves_a_due_reminder_15_minutes_out_never_forward_and_an_update_restarts_the_clock() throws Exception {
        long sev1 = declare(server, "SEV1", "api", "API down");
        await().atMost(Duration.ofSeconds(10)).until(() -> !reminders().isEmpty()); // due every 2 s now
        Instant clicked = Instant.now();
        server.slack().clickButton(BOB, IncidentViews.SNOOZE_ACTION, Long.toString(sev1));
        assertThat(trigger(sev1).getStartTime().toInstant()).isBetween(clicked.plus(Duration.ofMinutes(15)).minusSeconds(1),
                Instant.now().plus(Duration.ofMinutes(15)));
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);
        assertThat(slack.responses().get(0).get("text").getAsString()).contains("comes at", "in 15 minutes");

        long sev2 = declare(server, "SEV2", "api", "API slow"); // next reminder in 1 h: a snooze leaves it there
        Instant declared = incident(server, sev2).lastUpdateAt();
        Instant planned = trigger(sev2).getStartTime().toInstant();
        assertThat(planned).isEqualTo(declared.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        server.slack().clickButton(BOB, IncidentViews.SNOOZE_ACTION, Long.toString(sev2));
        assertThat(trigger(sev2).getStartTime().toInstant()).isEqualTo(planned);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 2);
        assertThat(slack.responses().get(1).get("text").getAsString()).contains("due later than 15 minutes from now anyway");

        server.slack().submitView(BOB, IncidentModals.UPDATE_CALLBACK, Long.toString(sev2), io.devloop.testing.SlackRequests.state(
                IncidentForms.NOTE.id(), io.devloop.testing.SlackRequests.text("Cache warmed, latency recovering")));
        Instant updated = incident(server, sev2).lastUpdateAt();
        assertThat(updated).isAfter(declared);
        assertThat(trigger(sev2).getStartTime().toInstant())
                .isEqualTo(updated.plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void a_sev4_gets_no_reminder() throws Exception {
        long id = declare(server, "SEV4", "docs", "Typo on the status page");
        assertThat(server.app().scheduler().checkExists(QuartzIncidentReminders.jobKey(FakeSlack.TEAM, id))).isFalse();
    }

    private Trigger trigger(long id) throws Exception {
        List<? extends Trigger> triggers = server.app().scheduler().getTriggersOfJob(QuartzIncidentReminders.jobKey(FakeSlack.TEAM, id));
        assertThat(triggers).hasSize(1);
        return triggers.get(0);
    }
}
