package io.devloop.incidents;

import com.google.gson.JsonObject;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;

import static io.devloop.testing.SlackRequests.choice;
import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;

/** Driving incidents the way Slack does, and reading what was stored and posted. */
final class IncidentFixtures {
    static final String ALICE = SlackRequests.USER;
    static final String BOB = "U0BOB";
    static final String CHANNEL = SlackRequests.CHANNEL;

    private IncidentFixtures() {
    }

    static String declareMetadata() {
        JsonObject o = new JsonObject();
        o.addProperty("channel", CHANNEL);
        return o.toString();
    }

    /** Declares through the modal, as Alice, and returns the incident's row id. */
    static long declare(TestServer server, String severity, String service, String title) {
        var r = server.slack().submitView(ALICE, IncidentModals.DECLARE_CALLBACK, declareMetadata(), state(
                IncidentForms.TITLE.id(), text(title),
                IncidentForms.SEVERITY.id(), choice(severity),
                IncidentForms.SERVICE.id(), text(service)));
        if (r.statusCode() != 200 || r.body().contains("errors")) {
            throw new AssertionError("declare failed: " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(server.queryString("SELECT MAX(id) FROM incidents"));
    }

    static Incident incident(TestServer server, long id) {
        return server.jdbi().withExtension(IncidentDao.class, dao -> dao.find(FakeSlack.TEAM, id)).orElseThrow();
    }

    static List<TimelineEntry> timeline(TestServer server, long id) {
        return server.jdbi().withExtension(IncidentDao.class, dao -> dao.timeline(FakeSlack.TEAM, id));
    }

    /** Waits until every outbox row is delivered (sent or dead), so WireMock holds all posts. */
    static void drained(TestServer server) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> server.count("outbox WHERE status = 'pending'") == 0);
    }
}
