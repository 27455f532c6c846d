package io.devloop.loop;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestDb;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole slice on PostgreSQL: signed command → loop row → one card, a retry changing nothing. */
class PlanOnPostgresTest {

    @Test
    void plan_on_postgres_stores_one_loop_and_posts_one_card_even_when_retried() throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = new HashMap<>(TestServer.env(slack, "unused"));
            env.putAll(TestDb.POSTGRES.env(Map.of()));
            try (TestServer server = TestServer.start(env)) {
                String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, "plan Checkout v2");

                assertThat(server.slack().send(body, "application/x-www-form-urlencoded", Map.of()).statusCode()).isEqualTo(200);
                assertThat(server.slack().send(body, "application/x-www-form-urlencoded", Map.of("X-Slack-Retry-Num", "1"))
                        .statusCode()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(10)).until(() -> server.count("outbox WHERE status = 'sent'") == 1);
                Thread.sleep(1000);
                assertThat(server.count("loops")).isEqualTo(1);
                assertThat(slack.calls("chat.postMessage")).hasSize(1);
                assertThat(server.app().summary()).contains("db=PostgreSQL");
            }
        }
    }
}
