package io.devloop.alerts;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.Http;
import io.devloop.testing.TestServer;
import io.devloop.testing.Webhooks;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Alertmanager notifications into the running server, messages out of the fake Slack. */
class AlertmanagerWebhookTest extends DevloopTest {
    private static final String FIRING = Webhooks.fixture("alertmanager/firing-group-3-critical.json");
    private static final String RESOLVED = Webhooks.fixture("alertmanager/resolved-group.json");

    @Test
    void a_group_of_three_gets_three_messages_a_repeat_none_and_the_resolution_updates_them_in_place() {
        HttpResponse<String> first = Webhooks.alertmanager(server, FIRING);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("\"processed\":3");
        List<FakeSlack.Call> posts = awaitCalls("chat.postMessage", 3);
        assertThat(posts).allSatisfy(p -> assertThat(p.get("channel")).isEqualTo(TestServer.ALERT_CHANNEL));
        assertThat(posts).extracting(p -> p.get("text")).allSatisfy(t -> assertThat(t).startsWith("[FIRING] HighErrorRate on checkout"));
        assertThat(posts.stream().map(p -> p.get("text")).toList())
                .anySatisfy(t -> assertThat(t).contains("checkout-1:8080"))
                .anySatisfy(t -> assertThat(t).contains("checkout-3:8080"));

        HttpResponse<String> repeat = Webhooks.alertmanager(server, FIRING);
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).contains("\"duplicates\":3");

        assertThat(Webhooks.alertmanager(server, RESOLVED).statusCode()).isEqualTo(202);
        List<FakeSlack.Call> updates = awaitCalls("chat.update", 3);
        assertThat(updates).extracting(u -> u.get("text")).allSatisfy(t -> assertThat(t).startsWith("[RESOLVED] HighErrorRate"));
        assertThat(updates).extracting(u -> u.get("ts")).containsExactlyInAnyOrderElementsOf(
                posts.stream().map(this::tsOf).toList());
        assertThat(updates.get(0).blocks().toString()).contains("Resolved after 10 s").doesNotContain("alert.ack");
        settle();
        assertThat(alertCalls("chat.postMessage")).as("no new posts").hasSize(3);
        assertThat(server.count("alerts WHERE status = 'resolved'")).isEqualTo(3);
    }

    @Test
    void an_alert_message_has_acknowledge_silence_note_and_declare_incident_buttons() {
        // a warning opens no incident by itself, so its message offers to declare one, pre-filled from the alert
        Webhooks.alertmanager(server, FIRING.replace("\"severity\":\"critical\"", "\"severity\":\"warning\""));
        FakeSlack.Call post = awaitCalls("chat.postMessage", 3).get(0);

        String blocks = post.blocks().toString();
        assertThat(blocks).contains("\"action_id\":\"alert.ack\"", "\"action_id\":\"alert.silence\"",
                "\"action_id\":\"incident_declare_open\"", "Runbook", "Source");
        assertThat(blocks).doesNotContain("rollback_open"); // no loop has rollback criteria for checkout
        assertThat(blocks).contains("\\\"severity\\\":3", "\\\"service\\\":\\\"checkout\\\"",
                "\\\"startedAt\\\":\\\"2026-11-25T15:32:11.252701Z\\\"");
        assertThat(server.count("incidents")).isZero();
    }

    @Test
    void a_group_key_of_every_label_still_opens_its_incident() {
        String longKey = "{}:{" + "label=\\\"" + "x".repeat(900) + "\\\"}";
        String body = FIRING.replace("\"groupKey\":\"{}:{alertname=\\\"HighErrorRate\\\", service=\\\"checkout\\\"}\"",
                "\"groupKey\":\"" + longKey + "\"");
        assertThat(body).contains("x".repeat(900));
        assertThat(Webhooks.alertmanager(server, body).statusCode()).isEqualTo(202);
        assertThat(server.count("incidents WHERE open_alert_key LIKE 'sha256:%'")).isEqualTo(1);
        assertThat(Webhooks.alertmanager(server, body).statusCode()).isEqualTo(202);
        assertThat(server.count("incidents")).isEqualTo(1);
    }

    @Test
    void an_incident_declared_from_an_alert_message_covers_its_group_once() {
        Webhooks.alertmanager(server, FIRING.replace("\"severity\":\"critical\"", "\"severity\":\"warning\""));
        awaitCalls("chat.postMessage", 3);
        String alertId = server.queryString("SELECT MIN(id) FROM alerts");
        String metadata = "{\"channel\":\"" + TestServer.ALERT_CHANNEL + "\",\"startedAt\":\"2026-11-25T15:32:11Z\",\"alert\":" + alertId + "}";
        var form = io.devloop.testing.SlackRequests.state(
                io.devloop.incidents.IncidentFormsAccess.TITLE, io.devloop.testing.SlackRequests.text("Checkout errors"),
                io.devloop.incidents.IncidentFormsAccess.SEVERITY, io.devloop.testing.SlackRequests.choice("SEV2"));

        assertThat(server.slack().submitView(io.devloop.incidents.IncidentFormsAccess.DECLARE, metadata, form).body())
                .doesNotContain("errors");
        assertThat(server.count("incidents WHERE open_alert_key LIKE 'sha256:%' AND severity = 2")).isEqualTo(1);
        assertThat(server.queryString("SELECT started_at FROM incidents")).startsWith("2026-11-25");

        var again = server.slack().submitView(io.devloop.incidents.IncidentFormsAccess.DECLARE, metadata, form);
        assertThat(io.devloop.testing.SlackRequests.errors(again).toString()).contains("INC-1 is already open for this alert's group");

        // a later critical alert of the same group joins INC-1 instead of opening another
        Webhooks.alertmanager(server, FIRING.replace("6fdd93e56c46a95e", "1111111111111111")
                .replace("210a1bec5049d10f", "2222222222222222").replace("b7cebc88b58e0538", "3333333333333333"));
        assertThat(server.count("incidents")).isEqualTo(1);
        assertThat(server.count("alerts WHERE incident_ref = 'INC-1'")).isEqualTo(3);
    }

    @Test
    void a_critical_alert_that_opened_an_incident_shows_it_instead_of_a_declare_button() {
        Webhooks.alertmanager(server, FIRING);
        FakeSlack.Call post = awaitCalls("chat.postMessage", 3).get(0);
        assertThat(post.blocks().toString()).contains("*INC-1*", "alert.ack").doesNotContain("incident_declare_open");
    }

    @Test
    void acknowledge_records_who_and_updates_the_message_once() {
        Webhooks.alertmanager(server, FIRING);
        awaitCalls("chat.postMessage", 3);
        String id = server.queryString("SELECT MIN(id) FROM alerts");

        server.slack().clickButton("U0BOB", "alert.ack", id);
        server.slack().clickButton("U0CAROL", "alert.ack", id);

        List<FakeSlack.Call> updates = awaitCalls("chat.update", 1);
        assertThat(updates.get(0).blocks().toString()).contains("Acknowledged by <@U0BOB>").doesNotContain("alert.ack");
        settle();
        assertThat(alertCalls("chat.update")).as("the second click changes nothing").hasSize(1);
        assertThat(server.queryString("SELECT acked_by FROM alerts WHERE id = " + id)).isEqualTo("U0BOB");
    }

    @Test
    void silence_note_opens_a_modal_and_shows_the_note_on_the_message() {
        Webhooks.alertmanager(server, FIRING);
        awaitCalls("chat.postMessage", 3);
        String id = server.queryString("SELECT MIN(id) FROM alerts");

        server.slack().clickButton("alert.silence", id);
        assertThat(awaitCalls("views.open", 1).get(0).get("view")).contains("alert.silence", "Silence note");

        var empty = server.slack().submitView("alert.silence", id, io.devloop.testing.SlackRequests.state("note",
                io.devloop.testing.SlackRequests.text(null)));
        assertThat(io.devloop.testing.SlackRequests.errors(empty).has("note")).isTrue();
        server.slack().submitView("alert.silence", id, io.devloop.testing.SlackRequests.state("note",
                io.devloop.testing.SlackRequests.text("Silenced 2 h in Alertmanager <during> the DB migration")));

        assertThat(awaitCalls("chat.update", 1).get(0).blocks().toString())
                .contains("Silence note by <@U0ALICE>: Silenced 2 h in Alertmanager &lt;during&gt; the DB migration");
    }

    @Test
    void wrong_or_missing_token_is_401_and_nothing_is_stored() {
        String url = server.url("/webhooks/alertmanager");
        assertThat(Webhooks.post(url, FIRING, Map.of("Authorization", "Bearer nope")).statusCode()).isEqualTo(401);
        assertThat(Webhooks.post(url, FIRING, Map.of()).statusCode()).isEqualTo(401);
        assertThat(Webhooks.post(url, FIRING, Map.of("Authorization", "Basic " + TestServer.WEBHOOK_TOKEN)).statusCode()).isEqualTo(401);
        assertThat(server.count("alerts")).isZero();
        assertThat(server.count("webhook_dedupe")).isZero();
    }

    @Test
    void bad_payloads_are_400_naming_the_problem_and_store_nothing() {
        assertBad("{not json", "not valid JSON");
        assertBad("[]", "JSON object");
        assertBad("{\"version\":\"4\",\"groupKey\":\"g\"}", "'alerts' must be an array");
        assertBad(FIRING.replace("\"groupKey\"", "\"groupKeyX\""), "has no 'groupKey'");
        assertBad(FIRING.replace("\"version\":\"4\"", "\"version\":\"3\""), "unsupported payload version");
        assertBad(FIRING.replace("2026-11-25T15:32:11.252701196Z", "yesterday"), "alerts[0].startsAt is not an RFC 3339 time");
        assertBad(FIRING.replaceFirst("\"fingerprint\":\"6fdd93e56c46a95e\"", "\"fingerprint\":\"\""), "alerts[0] has no 'fingerprint'");
        assertBad(FIRING.replaceFirst("\"status\":\"firing\",\"labels\"", "\"status\":\"burning\",\"labels\""), "firing or resolved");
        // the third alert is bad: the first two must not be stored either
        assertBad(FIRING.replace("\"fingerprint\":\"b7cebc88b58e0538\"", "\"fingerprint\":{\"x\":1}"), "must be a string");
        assertThat(server.count("alerts")).isZero();
        assertThat(server.count("webhook_dedupe")).isZero();
        assertThat(server.count("outbox")).isZero();
    }

    @Test
    void bodies_over_one_mebibyte_are_413() {
        String huge = "{\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}";
        assertThat(Webhooks.alertmanager(server, huge).statusCode()).isEqualTo(413);
    }

    @Test
    void an_alert_without_annotations_or_service_goes_to_the_fallback_channel() {
        assertThat(Webhooks.alertmanager(server, Webhooks.fixture("alertmanager/minimal-labels-only-firing.json")).statusCode())
                .isEqualTo(202);
        FakeSlack.Call post = awaitCalls("chat.postMessage", 1).get(0);
        assertThat(post.get("channel")).isEqualTo(TestServer.ALERT_CHANNEL);
        assertThat(post.get("text")).isEqualTo("[FIRING] Watchdog");
        assertThat(post.blocks().toString()).doesNotContain("Source", "Runbook");
    }

    @Test
    void the_slack_channel_label_wins_over_a_route_which_wins_over_the_fallback() {
        HttpResponse<String> route = server.slack().command("alerts route checkout <#C0CHECKOUT|checkout-ops>");
        assertThat(io.devloop.testing.SlackRequests.ackText(route)).contains("routed alerts of `checkout` to <#C0CHECKOUT>");

        Webhooks.alertmanager(server, AlertPayloads.notification("g1", 0, List.of(
                AlertPayloads.A.firing("f1", "alertname", "Down", "service", "checkout"),
                AlertPayloads.A.firing("f2", "alertname", "Down", "service", "checkout", "slack_channel", "C0LABEL"),
                AlertPayloads.A.firing("f3", "alertname", "Down", "service", "search"))));

        List<FakeSlack.Call> posts = awaitCalls("chat.postMessage", 3);
        assertThat(posts).extracting(p -> p.get("channel"))
                .containsExactlyInAnyOrder("C0CHECKOUT", "C0LABEL", TestServer.ALERT_CHANNEL);
    }

    @Test
    void alerts_route_without_a_linked_channel_answers_with_usage_and_lists_routes() {
        server.slack().command("alerts route Checkout <#C0CHECKOUT>");
        assertThat(io.devloop.testing.SlackRequests.ackText(server.slack().command("alerts route checkout #ops")))
                .contains("Usage: `/devloop alerts route <service> <#channel>`");
        assertThat(io.devloop.testing.SlackRequests.ackText(server.slack().command("alerts")))
                .contains("Usage:", "`checkout` → <#C0CHECKOUT>");
        assertThat(io.devloop.testing.SlackRequests.ackText(server.slack().command("alerts route")))
                .contains("Usage:");
        assertThat(server.count("alert_routes")).isEqualTo(1);
    }

    @Test
    void a_storm_gives_ten_messages_and_one_group_message_updated_in_place() {
        List<AlertPayloads.A> alerts = new java.util.ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            alerts.add(AlertPayloads.A.firing(String.format("%016x", i), "alertname", "InstanceDown", "service", "search",
                    "instance", "search-" + i));
        }
        Webhooks.alertmanager(server, AlertPayloads.notification("storm", 7, alerts));

        List<FakeSlack.Call> posts = awaitCalls("chat.postMessage", 11);
        settle();
        assertThat(alertCalls("chat.postMessage")).hasSize(11);
        FakeSlack.Call group = posts.stream().filter(p -> p.get("text").startsWith("Alert storm")).findFirst().orElseThrow();
        assertThat(group.get("text")).isEqualTo("Alert storm: 22 more InstanceDown alerts (15 firing)");
        assertThat(group.blocks().toString()).contains("InstanceDown on search-11", "InstanceDown on search-25",
                "+7 more (7 not sent by Alertmanager)", "see them all in Alertmanager").doesNotContain("search-10\\n");

        // more of the same storm join the group message; a resolution of a listed alert updates it
        List<AlertPayloads.A> next = new java.util.ArrayList<>(alerts);
        next.set(14, alerts.get(14).resolved("2026-11-25T15:40:11Z"));
        next.add(AlertPayloads.A.firing("00000000000000ff", "alertname", "InstanceDown", "service", "search", "instance", "search-26"));
        Webhooks.alertmanager(server, AlertPayloads.notification("storm", 7, next));

        await().atMost(Duration.ofSeconds(5)).until(() -> alertCalls("chat.update").stream()
                .anyMatch(u -> u.get("text").equals("Alert storm: 23 more InstanceDown alerts (15 firing)")));
        settle();
        assertThat(alertCalls("chat.postMessage")).as("no new message for the 26th alert").hasSize(11);
        assertThat(alertCalls("chat.update")).allSatisfy(u -> assertThat(u.get("ts")).isEqualTo(tsOf(group)));
    }

    @Test
    void a_flapping_alert_that_fires_again_gets_a_new_message() {
        AlertPayloads.A a = AlertPayloads.A.firing("00000000000000aa", "alertname", "Flappy", "service", "search");
        Webhooks.alertmanager(server, AlertPayloads.notification("flap", 0, List.of(a)));
        Webhooks.alertmanager(server, AlertPayloads.notification("flap", 0, List.of(a.resolved("2026-11-25T15:35:00Z"))));
        Webhooks.alertmanager(server, AlertPayloads.notification("flap", 0, List.of(
                AlertPayloads.A.firing("00000000000000aa", "alertname", "Flappy", "service", "search").startingAt("2026-11-25T15:50:00Z"))));

        awaitCalls("chat.postMessage", 2);
        awaitCalls("chat.update", 1);
        assertThat(server.count("alerts")).isEqualTo(1);
        assertThat(server.queryString("SELECT status FROM alerts")).isEqualTo("firing");
    }

    @Test
    void metrics_count_ingested_alerts() {
        Webhooks.alertmanager(server, FIRING);
        Webhooks.alertmanager(server, FIRING);
        String metrics = Http.get(server.url("/metrics")).body();
        assertThat(metrics).contains("devloop_alerts_ingested_total{status=\"firing\"} 3.0",
                "devloop_alerts_duplicates_total 3.0");
    }

    @Test
    void without_a_webhook_token_the_endpoint_answers_503_not_configured() {
        Map<String, String> env = new java.util.HashMap<>(TestServer.env(slack, TestServer.freshH2Url()));
        env.remove("DEVLOOP_WEBHOOK_TOKEN");
        env.remove("GITHUB_WEBHOOK_SECRET");
        try (TestServer bare = TestServer.start(env)) {
            HttpResponse<String> r = Webhooks.alertmanager(bare, FIRING);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("DEVLOOP_WEBHOOK_TOKEN");
            HttpResponse<String> g = Webhooks.github(bare, "ping", "d1", "{}");
            assertThat(g.statusCode()).isEqualTo(503);
            assertThat(g.body()).contains("GITHUB_WEBHOOK_SECRET");
        }
    }

    private void assertBad(String body, String problem) {
        HttpResponse<String> r = Webhooks.alertmanager(server, body);
        assertThat(r.statusCode()).as(body.length() > 80 ? body.substring(0, 80) : body).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":");
        if (problem != null) {
            assertThat(r.body()).contains(problem);
        }
    }

    /** Calls of a method that are about alert messages: critical alerts also open an incident, whose card and thread are left out. */
    private List<FakeSlack.Call> alertCalls(String method) {
        return slack.calls(method).stream().filter(c -> !fromIncidents(c)).toList();
    }

    private static boolean fromIncidents(FakeSlack.Call c) {
        String text = c.get("text") == null ? "" : c.get("text");
        return c.get("thread_ts") != null || text.matches("(?s)^\\S+ INC-\\d+ .*") || text.startsWith("The alert behind INC-");
    }

    @Test
    void a_critical_group_opens_one_real_incident_shown_on_its_messages_and_resolving_offers_to_resolve_it() {
        Webhooks.alertmanager(server, FIRING);
        List<FakeSlack.Call> posts = awaitCalls("chat.postMessage", 3);
        assertThat(server.count("incidents WHERE severity = 1 AND declared_by = 'alertmanager' AND service = 'checkout'"
                + " AND channel_id = '" + TestServer.ALERT_CHANNEL + "' AND status = 'investigating'")).isEqualTo(1);
        assertThat(server.queryString("SELECT started_at FROM incidents")).startsWith("2026-11-25");
        assertThat(posts).allSatisfy(p -> assertThat(p.blocks().toString()).contains("INC-1"));
        assertThat(server.count("incident_timeline WHERE kind = 'alert'")).as("the 2nd and 3rd alert join the timeline").isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.get("text").startsWith("🔴 INC-1 SEV1 investigating: HighErrorRate")));

        Webhooks.alertmanager(server, RESOLVED);
        assertThat(server.count("incident_timeline WHERE kind = 'alert' AND text LIKE '✅%'")).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.get("text").equals("The alert behind INC-1 has resolved. Resolve the incident too?")));
        settle();
        assertThat(slack.calls("chat.postMessage")).as("one offer, once the group's last alert resolved; no reply per alert")
                .filteredOn(c -> c.get("thread_ts") != null).extracting(c -> c.get("text"))
                .filteredOn(t -> t.contains("alert")).containsExactly("The alert behind INC-1 has resolved. Resolve the incident too?");
        assertThat(server.count("incidents")).isEqualTo(1);
    }

    private List<FakeSlack.Call> awaitCalls(String method, int atLeast) {
        Supplier<List<FakeSlack.Call>> calls = () -> alertCalls(method);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get().size() >= atLeast);
        return calls.get();
    }

    /** The ts the fake Slack answered for a post (its response is not logged, so find the update's ts by the outbox). */
    private String tsOf(FakeSlack.Call post) {
        return server.queryString("SELECT message_ts FROM outbox WHERE kind = 'post' AND text = '"
                + post.get("text").replace("'", "''") + "'");
    }

    /** Gives the outbox time to send anything that should not be sent. */
    private static void settle() {
        try {
            Thread.sleep(800);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
