package io.devloop.incidents;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestDb;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.devloop.incidents.IncidentFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/** The incident SQL on PostgreSQL: conditional transitions under concurrent clicks, known services, the list. */
class IncidentsOnPostgresTest {

    @Test
    void concurrent_clicks_on_postgres_apply_each_transition_once() {
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = new HashMap<>(TestServer.env(slack, "unused"));
            env.putAll(TestDb.POSTGRES.env(Map.of()));
            try (TestServer server = TestServer.start(env)) {
                server.slack().command("rollback checkout v1.2.0");
                server.slack().command("incident sev2 CHECKOUT Cart is empty");
                long id = Long.parseLong(server.queryString("SELECT MAX(id) FROM incidents"));
                assertThat(server.count("incidents WHERE service = 'checkout' AND title = 'Cart is empty'")).isEqualTo(1);

                List<CompletableFuture<Void>> clicks = IntStream.range(0, 6).mapToObj(n -> CompletableFuture.runAsync(() ->
                        server.slack().clickButton(n % 2 == 0 ? BOB : "U0CAROL", n < 3 ? IncidentViews.ACK_ACTION : IncidentViews.RESOLVED_ACTION,
                                Long.toString(id)))).toList();
                clicks.forEach(CompletableFuture::join);

                List<String> kinds = server.jdbi().withExtension(IncidentDao.class, dao -> dao.timeline(FakeSlack.TEAM, id))
                        .stream().map(TimelineEntry::kind).toList();
                assertThat(kinds).filteredOn("resolved"::equals).hasSize(1);
                assertThat(kinds).filteredOn("acknowledged"::equals).hasSizeLessThanOrEqualTo(1);
                assertThat(server.count("incidents WHERE status = 'resolved' AND open_alert_key IS NULL")).isEqualTo(1);

                server.slack().command("incident sev4 Typo");
                String list = server.slack().command("incidents").body();
                assertThat(list).contains("INC-2", "Typo", "INC-1", "learning log missing");
            }
        }
    }
}
