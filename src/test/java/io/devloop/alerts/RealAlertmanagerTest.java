package io.devloop.alerts;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.Http;
import io.devloop.testing.TestServer;
import io.devloop.testing.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus Alertmanager (Debian's prometheus-alertmanager) on loopback, posting to devloop with a bearer
 * token; alerts are pushed through its API. Skipped with a message when it is not installed, unless
 * DEVLOOP_REQUIRE_PEERS=1 (CI), where a missing Alertmanager fails the test.
 */
class RealAlertmanagerTest extends DevloopTest {
    private static final String BINARY = "/usr/bin/prometheus-alertmanager";
    private Process alertmanager;
    private Path dir;
    private String api;

    @BeforeEach
    void startAlertmanager() throws Exception {
        if (!new File(BINARY).canExecute()) {
            String message = BINARY + " is not installed (apt-get install -y prometheus-alertmanager)";
            if ("1".equals(System.getenv("DEVLOOP_REQUIRE_PEERS"))) {
                throw new AssertionError(message + " and DEVLOOP_REQUIRE_PEERS=1 requires it");
            }
            Assumptions.abort(message + "; skipping. Set DEVLOOP_REQUIRE_PEERS=1 to make this a failure.");
        }
        dir = Files.createTempDirectory("devloop-am");
        int port = freePort();
        api = "http://127.0.0.1:" + port;
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: devloop
                  group_by: [alertname, service]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: devloop
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(server.url("/webhooks/alertmanager"), TestServer.WEBHOOK_TOKEN));
        alertmanager = new ProcessBuilder(BINARY, "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> Http.get(api + "/-/ready").statusCode() == 200);
    }

    @AfterEach
    void stopAlertmanager() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void alerts_pushed_to_a_real_alertmanager_become_messages_and_resolve_in_place() throws IOException {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        push(start, null);

        await().atMost(Duration.ofSeconds(30)).until(() -> slack.calls("chat.postMessage").size() >= 3);
        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).extracting(p -> p.get("text")).allSatisfy(t -> assertThat(t).startsWith("[FIRING] CheckoutErrors on checkout"));
        assertThat(server.count("alerts")).isEqualTo(3);

        push(start, Instant.now().minusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> slack.calls("chat.update").size() >= 3);
        assertThat(slack.calls("chat.update")).extracting(u -> u.get("text"))
                .allSatisfy(t -> assertThat(t).startsWith("[RESOLVED] CheckoutErrors"));
        assertThat(slack.calls("chat.postMessage")).as("resolution updates, never reposts").hasSize(3);
        assertThat(server.count("alerts WHERE status = 'resolved'")).isEqualTo(3);
    }

    /** Three alerts of one group through Alertmanager's API v2; with endsAt in the past they resolve. */
    private void push(Instant startsAt, Instant endsAt) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 1; i <= 3; i++) {
            if (i > 1) {
                body.append(',');
            }
            body.append("""
                    {"labels":{"alertname":"CheckoutErrors","service":"checkout","severity":"warning","instance":"checkout-%d"},
                     "annotations":{"summary":"5xx on checkout-%d"},"startsAt":"%s"%s,
                     "generatorURL":"http://prometheus.example.internal/graph"}"""
                    .formatted(i, i, startsAt, endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\""));
        }
        body.append(']');
        var r = Webhooks.post(api + "/api/v2/alerts", body.toString(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
