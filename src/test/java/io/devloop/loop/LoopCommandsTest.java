package io.devloop.loop;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** `/devloop loop`, `/devloop status` and how a `<loop>` argument is understood. */
class LoopCommandsTest extends DevloopTest {
    @BeforeEach
    void twoLoops() {
        server.slack().command("plan Checkout v2");
        server.slack().command("plan Checkout v3");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.count("outbox WHERE message_ts IS NOT NULL") == 2);
    }

    @Test
    void status_lists_the_channels_loops_with_score_and_last_activity() {
        String text = SlackRequests.ackText(server.slack().command("status"));

        assertThat(text).contains("*L-1* Checkout v2 — 0/100 · 0/8 phases · last activity <!date^")
                .contains("*L-2* Checkout v3 — 0/100");
    }

    @Test
    void loop_posts_the_card_again_and_turns_the_old_one_into_a_pointer() {
        server.slack().command("loop L-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").size() == 3
                && slack.calls("chat.update").size() == 1);
        assertThat(slack.calls("chat.postMessage").get(2).get("text")).contains("L-1").contains("Checkout v2");
        String firstCardTs = server.queryString("SELECT message_ts FROM outbox WHERE id = (SELECT MIN(id) FROM outbox)");
        assertThat(slack.calls("chat.update").get(0).get("ts")).isEqualTo(firstCardTs);
        assertThat(slack.calls("chat.update").get(0).blocks().toString()).contains("posted again below");
        long newCard = Long.parseLong(server.queryString("SELECT card_outbox_id FROM loops WHERE seq = 1"));
        assertThat(newCard).isEqualTo(Long.parseLong(server.queryString("SELECT MAX(id) FROM outbox WHERE kind = 'post'")));
    }

    @Test
    void loop_from_another_channel_links_to_where_the_loop_lives() {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, "C0ELSEWHERE", SlackRequests.USER, "loop L-2");

        String text = SlackRequests.ackText(server.slack().send(body, "application/x-www-form-urlencoded", Map.of()));

        assertThat(text).contains("*L-2 Checkout v3*").contains("see its card").contains("lives in <#" + SlackRequests.CHANNEL + ">");
    }

    @Test
    void an_ambiguous_feature_name_lists_the_matching_loops_with_the_command_to_type() {
        String text = SlackRequests.ackText(server.slack().command("loop checkout"));

        assertThat(text).contains("Several loops match").contains("`/devloop loop L-1` — Checkout v2")
                .contains("`/devloop loop L-2` — Checkout v3");
    }

    @Test
    void loop_references_accept_ids_in_any_case_and_padding_and_unique_name_parts() {
        server.slack().command("loop l-01");
        server.slack().command("loop V3");

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").size() == 4);
        assertThat(slack.calls("chat.postMessage").get(2).get("text")).contains("L-1");
        assertThat(slack.calls("chat.postMessage").get(3).get("text")).contains("L-2");
    }

    @Test
    void without_a_loop_the_most_recently_active_one_is_used() {
        long loop1 = Long.parseLong(server.queryString("SELECT id FROM loops WHERE seq = 1"));
        server.slack().submitView("loop.phase", loop1 + ":plan", SlackRequests.state("what", SlackRequests.text("Refine")));

        server.slack().command("loop");

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").size() == 3);
        assertThat(slack.calls("chat.postMessage").get(2).get("text")).contains("L-1");
    }
}
