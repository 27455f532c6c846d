package io.devloop.tasks;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.quartz.SimpleTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reminders live in the database: a server that was down when one was due sends it once when it starts again. */
class ReminderRestartTest {

    @Test
    void a_reminder_due_while_the_server_is_down_fires_once_on_the_new_instance() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            TestServer server = TestServer.start(slack);
            Task task = server.app().tasks().create(FakeSlack.TEAM, SlackRequests.USER,
                    TaskRemindersTest.draft("U0BOB", Instant.now().plusSeconds(3), "none"), "k-" + UUID.randomUUID()).orElseThrow();
            server.close();

            Thread.sleep(Duration.between(Instant.now(), task.dueAt()).plusSeconds(1).toMillis()); // due passes while down
            assertThat(slack.dms()).isEmpty();

            try (TestServer restarted = server.restart()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> slack.dms().size() == 1);
                Thread.sleep(2000);
                assertThat(slack.dms()).hasSize(1);
                assertThat(slack.dms().get(0).get("channel")).isEqualTo("U0BOB");
            }
        }
    }

    @Test
    void an_overdue_reminder_missed_for_days_fires_once_on_start_and_the_missed_days_count_toward_7() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            String dbUrl = TestServer.freshH2Url();
            TestServer server = TestServer.start(TestServer.env(slack, dbUrl));
            // due 3 days and an hour ago: days 1-3 are past, so the daily reminder starts at day 4 with 3 repeats
            Task task = server.app().tasks().create(FakeSlack.TEAM, SlackRequests.USER,
                    TaskRemindersTest.draft("U0BOB", Instant.now().minus(Duration.ofDays(3)).minus(Duration.ofHours(1)), "none"),
                    "k-" + UUID.randomUUID()).orElseThrow();
            var key = QuartzTaskReminders.triggerKey(task.teamId(), task.id(), ReminderKind.OVERDUE);
            assertThat(((SimpleTrigger) server.app().scheduler().getTrigger(key)).getRepeatCount()).isEqualTo(3);
            server.close();

            // as if the server had been down for two days since: the trigger is two periods (and a minute) late
            long late = Instant.now().minus(Duration.ofDays(2)).minusSeconds(60).toEpochMilli();
            org.jdbi.v3.core.Jdbi.create(dbUrl).useHandle(h -> h.execute("UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_name = ?",
                    late, key.getName()));

            try (TestServer restarted = server.restart()) {
                await().atMost(Duration.ofSeconds(15)).until(() -> slack.dms().size() == 1);
                Thread.sleep(2000);
                assertThat(slack.dms()).hasSize(1); // once, not once per missed day
                assertThat(slack.dms().get(0).get("text")).contains("is overdue by 3 days");
                SimpleTrigger after = (SimpleTrigger) restarted.app().scheduler().getTrigger(key);
                // 3 repeats - 2 missed days = 1 repeat after this catch-up, a day from now
                assertThat(after.getRepeatCount()).isEqualTo(1);
                assertThat(after.getTimesTriggered()).isEqualTo(1);
                assertThat(after.getNextFireTime().toInstant())
                        .isBetween(Instant.now().plus(Duration.ofDays(1)).minusSeconds(30), Instant.now().plus(Duration.ofDays(1)));
            }
        }
    }
}
