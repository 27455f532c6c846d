package io.devloop.loop;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PlanCommandTest extends DevloopTest {
    @Test
    void plan_stores_a_loop_and_posts_one_card_and_a_retry_changes_nothing() throws Exception {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, "plan Checkout v2");

        long start = System.nanoTime();
        HttpResponse<String> first = server.slack().send(body, "application/x-www-form-urlencoded", Map.of());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").size() == 1);

        HttpResponse<String> retry = server.slack().send(body, "application/x-www-form-urlencoded",
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
        assertThat(retry.statusCode()).isEqualTo(200);

        Thread.sleep(1500); // give a wrongly duplicated post the time to show up
        assertThat(server.count("loops")).isEqualTo(1);
        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(1);
        FakeSlack.Call card = posts.get(0);
        assertThat(card.get("channel")).isEqualTo(SlackRequests.CHANNEL);
        assertThat(card.get("text")).contains("L-1").contains("Checkout v2");
        JsonArray blocks = card.blocks();
        assertThat(blocks.get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString()).contains("Checkout v2");
        assertThat(blocks.toString()).contains("<@" + SlackRequests.USER + ">");
        JsonArray buttons = actionsBlock(blocks).getAsJsonArray("elements");
        assertThat(buttons).hasSize(8);
        assertThat(buttons.get(2).getAsJsonObject().get("action_id").getAsString()).isEqualTo("loop.phase.open.build");

        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT team_id, channel_id, feature, owner_id, seq, created_at FROM loops").mapToMap().one());
        assertThat(row).containsEntry("team_id", FakeSlack.TEAM).containsEntry("channel_id", SlackRequests.CHANNEL)
                .containsEntry("feature", "Checkout v2").containsEntry("owner_id", SlackRequests.USER)
                .containsEntry("seq", 1L);
        assertThat(row.get("created_at")).isNotNull();
    }

    @Test
    void plan_without_a_feature_answers_with_usage_and_stores_nothing() {
        HttpResponse<String> response = server.slack().command("plan   ");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.ackText(response)).contains("Usage: `/devloop plan <feature>`");
        assertThat(server.count("loops")).isZero();
        assertThat(server.count("outbox")).isZero();
    }

    @Test
    void the_same_feature_twice_in_a_channel_links_to_the_existing_loop() {
        server.slack().command("plan Checkout v2");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.count("outbox WHERE message_ts IS NOT NULL") == 1);
        String ts = server.queryString("SELECT message_ts FROM outbox");

        HttpResponse<String> again = server.slack().command("plan   checkout V2 ");

        assertThat(SlackRequests.ackText(again)).contains("already has a loop").contains("L-1")
                .contains("https://acme.slack.com/archives/" + SlackRequests.CHANNEL + "/p" + ts.replace(".", ""));
        assertThat(server.count("loops")).isEqualTo(1);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    @Test
    void loop_ids_count_per_team_without_gaps_after_a_refused_duplicate() {
        server.slack().command("plan One");
        server.slack().command("plan one");       // refused: same feature
        server.slack().command("plan Two");
        String otherTeam = SlackRequests.commandBody("T0OTHER", "C0OTHER", "U0BOB", "plan Elsewhere");
        server.slack().send(otherTeam, "application/x-www-form-urlencoded", Map.of());

        List<String> ids = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT team_id || ':L-' || seq FROM loops ORDER BY id").mapTo(String.class).list());
        assertThat(ids).containsExactly(FakeSlack.TEAM + ":L-1", FakeSlack.TEAM + ":L-2", "T0OTHER:L-1");
    }

    @Test
    void a_long_unicode_feature_name_is_kept_whole_and_the_card_stays_within_block_kit_limits() {
        String feature = "Zahlungsabwicklung für Kunden 🚀🇩🇪 " + "é".repeat(100) + " 👩‍💻"; // < 150 code points
        server.slack().command("plan " + feature);

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").size() == 1);
        assertThat(server.queryString("SELECT feature FROM loops"))
                .isEqualTo(feature);
        String header = slack.calls("chat.postMessage").get(0).blocks().get(0).getAsJsonObject()
                .getAsJsonObject("text").get("text").getAsString();
        assertThat(header.length()).isLessThanOrEqualTo(150);
        assertThat(header).startsWith("🔁 Zahlungsabwicklung für Kunden 🚀🇩🇪");
    }

    @Test
    void a_feature_name_over_150_characters_is_refused_with_the_reason() {
        HttpResponse<String> response = server.slack().command("plan " + "x".repeat(151));

        assertThat(SlackRequests.ackText(response)).contains("151 characters").contains("150");
        assertThat(server.count("loops")).isZero();
    }

    @Test
    void slack_escaped_text_is_stored_as_typed_and_escaped_again_in_mrkdwn() {
        server.slack().command("plan Search &amp; Filters &lt;beta&gt;");

        await().atMost(Duration.ofSeconds(5)).until(() -> server.count("outbox WHERE message_ts IS NOT NULL") == 1);
        assertThat(server.queryString("SELECT feature FROM loops"))
                .isEqualTo("Search & Filters <beta>");
        HttpResponse<String> again = server.slack().command("plan search &amp; filters &lt;beta&gt;");
        assertThat(SlackRequests.ackText(again)).contains("Search &amp; Filters &lt;beta&gt;");
    }

    @Test
    void a_phase_button_opens_that_phases_modal() {
        server.slack().command("plan Checkout v2");
        long loopId = server.count("loops") == 1 ? Long.parseLong(server.queryString("SELECT id FROM loops")) : -1;

        HttpResponse<String> click = server.slack().clickButton("loop.phase.open.build", Long.toString(loopId));

        assertThat(click.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        String view = slack.calls("views.open").get(0).get("view");
        assertThat(view).contains("Build · L-1").contains("What happens").contains("\"callback_id\":\"loop.phase\"");
    }

    @Test
    void a_phase_button_of_another_teams_loop_opens_nothing() {
        String otherTeam = SlackRequests.commandBody("T0OTHER", "C0OTHER", "U0BOB", "plan Elsewhere");
        server.slack().send(otherTeam, "application/x-www-form-urlencoded", Map.of());
        long otherLoop = Long.parseLong(server.queryString("SELECT id FROM loops"));

        HttpResponse<String> click = server.slack().clickButton("loop.phase.open.plan", Long.toString(otherLoop));

        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(slack.calls("views.open")).isEmpty();
    }

    private static JsonObject actionsBlock(JsonArray blocks) {
        for (var b : blocks) {
            if ("actions".equals(b.getAsJsonObject().get("type").getAsString())) {
                return b.getAsJsonObject();
            }
        }
        throw new AssertionError("no actions block in " + blocks);
    }
}
