package io.devloop.tasks;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestDb;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The digest on clustered Quartz and PostgreSQL: set twice (upsert), trigger, one post; off removes the job. */
class DigestOnPostgresTest {

    @Test
    void set_change_fire_and_turn_off_on_postgres() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = new HashMap<>(TestServer.env(slack, "unused"));
            env.putAll(TestDb.POSTGRES.env(Map.of()));
            try (TestServer server = TestServer.start(env)) {
                slack.userZone(SlackRequests.USER, "America/Los_Angeles");
                server.slack().command("tasks digest 09:00");
                server.slack().command("tasks digest 10:30");

                assertThat(server.count("task_digests")).isEqualTo(1);
                CronTrigger trigger = (CronTrigger) server.app().scheduler()
                        .getTrigger(DigestSchedule.triggerKey(FakeSlack.TEAM, SlackRequests.CHANNEL));
                assertThat(trigger.getCronExpression()).isEqualTo("0 30 10 ? * MON-FRI");
                assertThat(trigger.getTimeZone().getID()).isEqualTo("America/Los_Angeles");

                server.app().scheduler().triggerJob(DigestSchedule.jobKey(FakeSlack.TEAM, SlackRequests.CHANNEL));
                await().atMost(Duration.ofSeconds(10)).until(() -> server.count("outbox WHERE status = 'sent'") == 1);
                assertThat(slack.calls("chat.postMessage")).hasSize(1);
                assertThat(slack.calls("chat.postMessage").get(0).get("text")).isEqualTo("Daily tasks digest: nothing due today");

                server.slack().command("tasks digest off");
                assertThat(server.app().scheduler().checkExists(DigestSchedule.jobKey(FakeSlack.TEAM, SlackRequests.CHANNEL))).isFalse();
                assertThat(server.count("task_digests")).isZero();
            }
        }
    }
}
