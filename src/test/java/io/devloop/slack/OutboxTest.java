package io.devloop.slack;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.devloop.config.Config;
import io.devloop.db.Database;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox sender against a misbehaving Slack: rate limits, outages, permanent refusals, coalesced updates. */
class OutboxTest {
    private static final String TEAM = FakeSlack.TEAM;
    private static final String OK_POST = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}";

    private FakeSlack slack;
    private Database db;
    private Outbox outbox;
    private OutboxSender sender;
    private SimpleMeterRegistry registry;

    @BeforeEach
    void setUp() {
        slack = new FakeSlack();
        db = Database.open(Config.from(Map.of("DEVLOOP_DB_URL", TestServer.freshH2Url()), List.of()));
        outbox = new Outbox(Clock.systemUTC());
        registry = new SimpleMeterRegistry();
        sender = new OutboxSender(db.jdbi(), SlackSetup.client(Config.from(Map.of("SLACK_API_URL", slack.apiUrl()), List.of())),
                team -> "xoxb-test", "node-a", Clock.systemUTC(), outbox, registry);
    }

    @AfterEach
    void tearDown() {
        sender.close();
        db.close();
        slack.close();
    }

    @Test
    void a_rate_limited_message_waits_for_retry_after_and_is_delivered_once() {
        slack.stub(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")).willSetStateTo("again"));
        slack.stub(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("rl").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")).willSetStateTo("ok"));
        slack.stub(post(urlPathEqualTo("/api/chat.postMessage")).inScenario("rl").whenScenarioStateIs("ok")
                .willReturn(okJson(OK_POST)));

        long id = enqueue("C1", "hello");
        sender.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> "sent".equals(status(id)));
        List<FakeSlack.Call> calls = slack.calls("chat.postMessage");
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1).receivedAtMillis() - calls.get(0).receivedAtMillis()).isGreaterThanOrEqualTo(1000);
        assertThat(calls.get(2).receivedAtMillis() - calls.get(1).receivedAtMillis()).isGreaterThanOrEqualTo(1000);
        assertThat(registry.counter("devloop.outbox.sent").count()).isEqualTo(1);
        assertThat(registry.counter("devloop.outbox.retries").count()).isEqualTo(2);
    }

    @Test
    void during_a_slack_outage_messages_wait_and_go_out_in_order_after_recovery() throws Exception {
        slack.stub("chat.postMessage", aResponse().withStatus(500).withBody("oops"));
        for (int i = 1; i <= 5; i++) {
            enqueue("C1", "message " + i);
        }
        enqueue("C2", "other channel");
        sender.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= 3);
        Thread.sleep(1000);
        assertThat(slack.calls("chat.postMessage")).extracting(c -> c.get("text"))
                .as("only channel heads are tried while Slack is down").containsOnly("message 1", "other channel");
        assertThat(pending()).isEqualTo(6);

        slack.resetToHealthy();
        await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);

        List<String> delivered = slack.calls("chat.postMessage").stream()
                .filter(c -> "C1".equals(c.get("channel"))).map(c -> c.get("text")).distinct().toList();
        assertThat(delivered).containsExactly("message 1", "message 2", "message 3", "message 4", "message 5");
        assertThat(registry.counter("devloop.outbox.sent").count()).isEqualTo(6);
    }

    @Test
    void a_permanent_refusal_marks_the_row_dead_and_tells_the_requester_by_dm() {
        slack.stub(post(urlPathEqualTo("/api/chat.postMessage")).withRequestBody(
                        com.github.tomakehurst.wiremock.client.WireMock.containing("channel=C0PRIVATE"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"not_in_channel\"}")).atPriority(1));

        long id = db.jdbi().inTransaction(h -> outbox.post(h,
                OutboxMessage.of(TEAM, "C0PRIVATE", "card", null).requestedBy("U0ALICE")));
        sender.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> "dead".equals(status(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() == 2);
        FakeSlack.Call dm = slack.calls("chat.postMessage").get(1);
        assertThat(dm.get("channel")).isEqualTo("U0ALICE");
        assertThat(dm.get("text")).contains("<#C0PRIVATE>").contains("not_in_channel").contains("/invite @devloop");
        assertThat(registry.counter("devloop.outbox.dead").count()).isEqualTo(1);
        assertThat(slack.calls("chat.postMessage").stream().filter(c -> "C0PRIVATE".equals(c.get("channel"))))
                .as("not retried forever").hasSize(1);
    }

    @Test
    void updates_of_one_message_are_coalesced_and_a_thread_reply_goes_under_its_parent() {
        long card = db.jdbi().inTransaction(h -> outbox.post(h, OutboxMessage.of(TEAM, "C1", "v1", null).asAnchor()));
        db.jdbi().useTransaction(h -> outbox.update(h, TEAM, card, "v2", List.of()));
        db.jdbi().useTransaction(h -> outbox.update(h, TEAM, card, "v3", List.of()));
        db.jdbi().useTransaction(h -> outbox.update(h, TEAM, card, "v4", List.of()));
        db.jdbi().useTransaction(h -> outbox.post(h, OutboxMessage.of(TEAM, "C1", "reply", null).inThreadOf(card)));

        sender.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> pending() == 0);
        assertThat(slack.calls("chat.update")).extracting(c -> c.get("text")).containsExactly("v4");
        String cardTs = db.jdbi().withHandle(h -> h.createQuery("SELECT message_ts FROM outbox WHERE id = :id")
                .bind("id", card).mapTo(String.class).one());
        assertThat(slack.calls("chat.update").get(0).get("ts")).isEqualTo(cardTs);
        FakeSlack.Call reply = slack.calls("chat.postMessage").get(1);
        assertThat(reply.get("text")).isEqualTo("reply");
        assertThat(reply.get("thread_ts")).isEqualTo(cardTs);
    }

    @Test
    void two_senders_on_one_database_never_send_the_same_row() {
        OutboxSender second = new OutboxSender(db.jdbi(), SlackSetup.client(Config.from(Map.of("SLACK_API_URL", slack.apiUrl()), List.of())),
                team -> "xoxb-test", "node-b", Clock.systemUTC(), outbox, new SimpleMeterRegistry());
        try {
            for (int i = 0; i < 40; i++) {
                enqueue("C" + (i % 8), "m" + i);
            }
            sender.start();
            second.start();

            await().atMost(Duration.ofSeconds(20)).until(() -> pending() == 0);
            List<String> texts = slack.calls("chat.postMessage").stream().map(c -> c.get("text")).toList();
            assertThat(texts).hasSize(40).doesNotHaveDuplicates();
        } finally {
            second.close();
        }
    }

    @Test
    void stopping_hands_unfinished_claims_back() {
        long id = enqueue("C1", "claimed then abandoned");
        db.jdbi().useExtension(OutboxDao.class, dao -> dao.claim(id, "node-a", java.time.Instant.now(),
                java.time.Instant.now().plusSeconds(60)));

        sender.close();

        String claimedBy = db.jdbi().withHandle(h -> h.createQuery("SELECT claimed_by FROM outbox WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
        assertThat(claimedBy).isNull();
    }

    @Test
    void retry_after_is_read_as_whole_seconds_with_a_safe_fallback() {
        assertThat(OutboxSender.retryAfterSeconds("7")).isEqualTo(7);
        assertThat(OutboxSender.retryAfterSeconds(null)).isEqualTo(1);
        assertThat(OutboxSender.retryAfterSeconds("soon")).isEqualTo(1);
        assertThat(OutboxSender.retryAfterSeconds("0")).isEqualTo(1);
    }

    private long enqueue(String channel, String text) {
        long id = db.jdbi().inTransaction(h -> outbox.post(h, OutboxMessage.of(TEAM, channel, text, null)));
        outbox.wake();
        return id;
    }

    private String status(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT status FROM outbox WHERE id = :id").bind("id", id)
                .mapTo(String.class).one());
    }

    private long pending() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
                .mapTo(Long.class).one());
    }
}
