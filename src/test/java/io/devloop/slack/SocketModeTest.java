package io.devloop.slack;

import com.google.gson.JsonObject;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.FakeSocketMode;
import io.devloop.testing.Http;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Socket Mode end to end: the fake Slack hands out a ws:// URL of a test-side WebSocket server speaking Slack's
 * Socket Mode protocol (hello, envelopes, acks with the envelope_id). The same listeners that serve HTTP handle the
 * command; after the server drops the connection, the app asks for a new URL, reconnects and handles the next one.
 */
class SocketModeTest {
    private FakeSlack slack;
    private FakeSocketMode socket;
    private TestServer server;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        socket = new FakeSocketMode(slack);
        Map<String, String> env = new HashMap<>(TestServer.env(slack, TestServer.freshH2Url()));
        env.remove("SLACK_SIGNING_SECRET"); // Socket Mode needs none
        env.put("SLACK_APP_TOKEN", "xapp-1-A0DEVLOOP-test");
        server = TestServer.start(env);
        await().atMost(Duration.ofSeconds(10)).until(socket::connected);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        socket.close();
        slack.close();
    }

    @Test
    void a_command_over_the_socket_is_acked_with_its_envelope_id_and_handled_and_after_a_drop_the_app_reconnects() {
        assertThat(server.app().summary()).contains("mode=socket");
        assertThat(slack.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/apps.connections.open"))))
                .isNotEmpty().allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer xapp-1-A0DEVLOOP-test"));

        socket.send("slash_commands", "env-1", FakeSocketMode.command("plan Checkout v2"), Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.ack("env-1").isPresent());
        assertThat(socket.ack("env-1").get().keySet()).containsExactly("envelope_id");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() == 1);
        assertThat(server.queryString("SELECT feature FROM loops")).isEqualTo("Checkout v2");
        assertThat(slack.calls("chat.postMessage").get(0).get("channel")).isEqualTo("C0GENERAL");
        assertThat(slack.calls("chat.postMessage").get(0).blocks().toString()).contains("Checkout v2");

        int opensBefore = slack.calls("apps.connections.open").size();
        socket.drop();

        await().atMost(Duration.ofSeconds(30)).until(() -> socket.connections() == 2 && socket.connected());
        assertThat(slack.calls("apps.connections.open")).as("a fresh URL for the new connection").hasSize(opensBefore + 1);
        socket.send("slash_commands", "env-2", FakeSocketMode.command("plan Search"), Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.ack("env-2").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() == 2);
        assertThat(server.count("loops")).isEqualTo(2);
    }

    @Test
    void an_ack_with_text_carries_it_as_the_envelopes_response_payload() {
        socket.send("slash_commands", "env-help", FakeSocketMode.command("help"), Map.of());

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.ack("env-help").isPresent());
        JsonObject ack = socket.ack("env-help").get();
        assertThat(ack.getAsJsonObject("payload").get("text").getAsString()).contains("/devloop plan");
    }

    @Test
    void a_redelivered_envelope_is_acked_again_but_handled_once() {
        JsonObject command = FakeSocketMode.command("plan Checkout v2");

        socket.send("slash_commands", "env-1", command, Map.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.ack("env-1").isPresent());
        socket.send("slash_commands", "env-1-retry", command, Map.of("retry_attempt", 1, "retry_reason", "timeout"));

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.ack("env-1-retry").isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> server.count("outbox WHERE status = 'pending'") == 0);
        assertThat(server.count("loops")).isEqualTo(1);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void the_http_server_keeps_health_and_metrics_but_does_not_take_slack_requests_without_a_signing_secret() {
        assertThat(Http.get(server.url("/health")).statusCode()).isEqualTo(200);
        assertThat(Http.get(server.url("/metrics")).statusCode()).isEqualTo(200);

        assertThat(server.slack().command("plan Sneaky").statusCode()).as("not served: Jetty's 404/405").isBetween(404, 405);
        assertThat(server.count("loops")).isZero();
    }
}
