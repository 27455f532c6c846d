package io.devloop.alerts;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestDb;
import io.devloop.testing.TestServer;
import io.devloop.testing.Webhooks;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seam to the incidents domain, with a stand-in that opens one "incident" per alert group like the real one
 * will (a unique key). Intake must call it once per first delivery, inside the ingest transaction.
 */
class AlertIncidentsSeamTest {
    private FakeSlack slack;
    private TestServer server;
    private final FakeIncidents incidents = new FakeIncidents();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    private void start(TestDb db) {
        slack = new FakeSlack();
        Map<String, String> env = new HashMap<>(TestServer.env(slack, "unused"));
        env.putAll(db.env(Map.of()));
        server = TestServer.start(env, incidents);
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void a_critical_alert_delivered_five_times_at_once_opens_exactly_one_incident(TestDb db) throws Exception {
        start(db);
        String body = AlertPayloads.notification("{}:{alertname=\"CheckoutDown\"}", 0, List.of(
                AlertPayloads.A.firing("00000000000000c1", "alertname", "CheckoutDown", "service", "checkout",
                        "severity", "critical")));

        List<HttpResponse<String>> answers = concurrently(5, () -> Webhooks.alertmanager(server, body));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        assertThat(incidents.firing).hasSize(1);
        AlertEvent e = incidents.firing.get(0);
        assertThat(e.incidentSeverity()).isEqualTo(1);
        assertThat(e.channelId()).isEqualTo(TestServer.ALERT_CHANNEL);
        assertThat(e.startsAt()).isEqualTo(java.time.Instant.parse("2026-11-25T15:32:11.252701Z"));
        assertThat(incidents.opened).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= 1);
        Thread.sleep(500);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        String blocks = slack.calls("chat.postMessage").get(0).blocks().toString();
        assertThat(blocks).contains("*INC-1*").doesNotContain("incident_declare_open");
        assertThat(server.queryString("SELECT incident_ref FROM alerts")).isEqualTo("INC-1");
        // the stand-in wrote in the ingest transaction: its row is there exactly once
        assertThat(server.count("id_counters WHERE kind = 'fake-incident'")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void a_group_of_three_critical_alerts_asks_once_per_alert_and_shares_the_groups_incident(TestDb db) {
        start(db);
        Webhooks.alertmanager(server, Webhooks.fixture("alertmanager/firing-group-3-critical.json"));
        Webhooks.alertmanager(server, Webhooks.fixture("alertmanager/firing-group-3-critical.json"));
        Webhooks.alertmanager(server, Webhooks.fixture("alertmanager/resolved-group.json"));
        Webhooks.alertmanager(server, Webhooks.fixture("alertmanager/resolved-group.json"));

        assertThat(incidents.firing).extracting(AlertEvent::fingerprint)
                .containsExactlyInAnyOrder("6fdd93e56c46a95e", "210a1bec5049d10f", "b7cebc88b58e0538");
        assertThat(incidents.opened).hasSize(1);
        assertThat(incidents.resolved).hasSize(3);
        assertThat(incidents.resolved).allSatisfy(e -> assertThat(e.endsAt()).isNotNull());
        assertThat(server.count("alerts WHERE incident_ref = 'INC-1'")).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = TestDb.class, names = "H2")
    void page_maps_to_sev2_and_other_severities_open_nothing(TestDb db) {
        start(db);
        Webhooks.alertmanager(server, AlertPayloads.notification("g", 0, List.of(
                AlertPayloads.A.firing("00000000000000d1", "alertname", "Slow", "severity", "page"),
                AlertPayloads.A.firing("00000000000000d2", "alertname", "Slow", "severity", "warning"),
                AlertPayloads.A.firing("00000000000000d3", "alertname", "Slow"))));

        assertThat(incidents.firing).extracting(AlertEvent::incidentSeverity).containsExactly(2);
    }

    private static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return task.call();
            }));
        }
        go.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return results;
    }

    /** Opens one incident per group key, numbered by a counter row written in the caller's transaction. */
    static final class FakeIncidents implements AlertIncidents {
        final List<AlertEvent> firing = new CopyOnWriteArrayList<>();
        final List<AlertEvent> resolved = new CopyOnWriteArrayList<>();
        final Map<String, String> opened = new ConcurrentHashMap<>();

        @Override
        public Optional<String> firing(Handle h, AlertEvent alert) {
            firing.add(alert);
            return Optional.of(opened.computeIfAbsent(alert.groupKey(),
                    k -> "INC-" + io.devloop.db.Counters.next(h, alert.teamId(), "fake-incident")));
        }

        @Override
        public void resolved(Handle h, AlertEvent alert) {
            resolved.add(alert);
        }
    }
}
