package io.devloop.tasks;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.Postgres;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two devloop nodes on one PostgreSQL schema: Quartz is clustered, so each reminder goes out once in total. */
class ClusteredRemindersOnPostgresTest {
    static final int TASKS = 200;

    @Test
    void two_nodes_send_each_of_200_reminders_exactly_once() throws Exception {
        String dbUrl = Postgres.freshSchemaUrl();
        try (FakeSlack slack = new FakeSlack();
             TestServer a = TestServer.start(env(slack, dbUrl));
             TestServer b = TestServer.start(env(slack, dbUrl))) {
            Instant firstDue = Instant.now().plusSeconds(15);
            for (int i = 0; i < TASKS; i++) {
                // one assignee per task, so the DMs can be counted per task; due times spread over 2 s, and never
                // less than 2 s after creation on a slow machine (a due time already past gets no due reminder)
                Instant due = firstDue.plusMillis(i * 10L);
                Instant soonest = Instant.now().plusSeconds(2);
                a.app().tasks().create(FakeSlack.TEAM, SlackRequests.USER,
                        TaskRemindersTest.draft(assignee(i), due.isBefore(soonest) ? soonest : due, "none"), "k-" + UUID.randomUUID())
                        .orElseThrow();
            }

            await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500))
                    .until(() -> slack.dms().size() >= TASKS);
            Thread.sleep(3000); // a duplicate would show up by now

            Map<String, Long> perAssignee = slack.dms().stream()
                    .collect(Collectors.groupingBy(c -> c.get("channel"), Collectors.counting()));
            assertThat(perAssignee).hasSize(TASKS);
            assertThat(perAssignee.values()).allMatch(n -> n == 1);
            assertThat(perAssignee.keySet()).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.IntStream.range(0, TASKS).mapToObj(ClusteredRemindersOnPostgresTest::assignee).toList());
            double fired = fired(a) + fired(b);
            assertThat(fired).isEqualTo(TASKS);
        }
    }

    private static Map<String, String> env(FakeSlack slack, String dbUrl) {
        Map<String, String> env = TestServer.env(slack, dbUrl); // a node id of its own each
        env.put("DEVLOOP_DB_USER", Postgres.USER);
        return env;
    }

    private static String assignee(int i) {
        return String.format("U%04d", i);
    }

    private static double fired(TestServer server) {
        var counter = server.app().registry().find("devloop.reminders.fired").tag("kind", "due").counter();
        return counter == null ? 0 : counter.count();
    }
}
