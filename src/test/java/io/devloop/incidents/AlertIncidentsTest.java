package io.devloop.incidents;

import io.devloop.slack.Outbox;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestDb;
import io.devloop.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Auto-incidents: one open incident per alert group, also when deliveries race; resolving the alert offers to resolve. */
class AlertIncidentsTest {
    private static final IncidentReminders NO_REMINDERS = new IncidentReminders() {
        @Override
        public void schedule(Incident incident) {
        }

        @Override
        public Instant snooze(Incident incident, Instant at) {
            return at;
        }

        @Override
        public void cancel(String teamId, long incidentId) {
        }
    };

    @ParameterizedTest
    @EnumSource(TestDb.class)
    void five_racing_deliveries_of_one_group_open_one_incident(TestDb db) throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = new HashMap<>(TestServer.env(slack, TestServer.freshH2Url()));
            env.putAll(db.env(Map.of()));
            try (TestServer server = TestServer.start(env)) {
                IncidentService service = new IncidentService(server.jdbi(), new Outbox(Clock.systemUTC()), NO_REMINDERS, null, null,
                        Clock.systemUTC());
                Instant started = Instant.parse("2026-12-01T10:00:00Z");
                CyclicBarrier together = new CyclicBarrier(5);
                List<CompletableFuture<IncidentService.AlertIncident>> deliveries = IntStream.range(0, 5)
                        .mapToObj(n -> CompletableFuture.supplyAsync(() -> {
                            try {
                                together.await();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return server.jdbi().inTransaction(h -> service.openForAlert(h, declaration(started),
                                    "HighErrorRate " + n + " fired", Instant.now()));
                        })).toList();
                List<IncidentService.AlertIncident> results = deliveries.stream().map(CompletableFuture::join).toList();

                assertThat(results).filteredOn(IncidentService.AlertIncident::opened).hasSize(1);
                assertThat(results).extracting(r -> r.incident().id()).containsOnly(results.get(0).incident().id());
                assertThat(server.count("incidents")).isEqualTo(1);
                Incident i = results.get(0).incident();
                assertThat(i.startedAt()).isEqualTo(started);
                assertThat(i.declaredBy()).isEqualTo(Incident.ALERTMANAGER);
                assertThat(server.count("incident_timeline WHERE kind = 'alert'")).isEqualTo(4);

                // resolving the group's alert: a timeline entry and an offer to resolve in the thread
                server.jdbi().useTransaction(h -> service.alertResolved(h, FakeSlack.TEAM, "{}:{alertname=\"HighErrorRate\"}",
                        "HighErrorRate resolved", true, Instant.now()));
                assertThat(server.count("incident_timeline WHERE kind = 'alert' AND text LIKE '✅%'")).isEqualTo(1);
                assertThat(server.count("outbox WHERE text LIKE 'The alert behind INC-1 has resolved%'")).isEqualTo(1);

                // once resolved, the group's next firing opens a new incident
                service.moveTo(FakeSlack.TEAM, i.id(), IncidentStatus.RESOLVED, "U0BOB", null);
                IncidentService.AlertIncident again = server.jdbi().inTransaction(h -> service.openForAlert(h, declaration(started),
                        "HighErrorRate fired again", Instant.now()));
                assertThat(again.opened()).isTrue();
                assertThat(again.incident().displayId()).isEqualTo("INC-2");
            }
        }
    }

    private static IncidentService.Declaration declaration(Instant started) {
        return new IncidentService.Declaration(FakeSlack.TEAM, "C0ALERTS", "HighErrorRate: checkout 5xx above 5%", "checkout",
                Severity.SEV1, null, null, Incident.ALERTMANAGER, started, "{}:{alertname=\"HighErrorRate\"}");
    }
}
