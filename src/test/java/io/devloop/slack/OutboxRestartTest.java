package io.devloop.slack;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxRestartTest {

    @Test
    void a_card_that_could_not_be_sent_before_a_restart_is_delivered_once_after_it() {
        try (FakeSlack slack = new FakeSlack()) {
            slack.stub("chat.postMessage", FakeSlack.status(503));
            TestServer server = TestServer.start(slack);
            try {
                assertThat(server.slack().command("plan Checkout v2").statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> !slack.calls("chat.postMessage").isEmpty());
            } finally {
                server.close();
            }
            int triedBeforeRestart = slack.calls("chat.postMessage").size();
            slack.resetToHealthy();

            try (TestServer restarted = server.restart()) {
                await().atMost(Duration.ofSeconds(10)).until(() -> restarted.count("outbox WHERE status = 'sent'") == 1);
                assertThat(slack.calls("chat.postMessage")).hasSize(1); // the log was reset with the stubs
                assertThat(slack.calls("chat.postMessage").get(0).get("text")).contains("Checkout v2");
                assertThat(restarted.count("loops")).isEqualTo(1);
            }
            assertThat(triedBeforeRestart).isPositive();
        }
    }
}
