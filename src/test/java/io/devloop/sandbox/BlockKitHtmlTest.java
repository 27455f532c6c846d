package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Block Kit and mrkdwn as the sandbox draws them: formatting, mentions, date tokens in the viewer's zone, every input. */
class BlockKitHtmlTest {
    private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");

    @Test
    void mrkdwn_formatting_mentions_and_links() {
        String html = new BlockKitHtml(ZoneId.of("UTC"), NOW).mrkdwn(
                "*bold* _it_ ~gone~ `a<b` <@U0BOB> <#C0ALERTS> <#C9|named> <https://x.io/a?b=1&amp;c=2|docs> <!here>\n&gt; quoted");

        assertThat(html).contains("<b>bold</b>", "<i>it</i>", "<s>gone</s>", "<code>a&lt;b</code>",
                "@Bob Schmidt", "#alerts", "#named", "<a href=\"https://x.io/a?b=1&amp;c=2\"", ">docs</a>", "@here",
                "<br><span class=\"bk-quote\">quoted</span>");
    }

    @Test
    void a_date_token_is_shown_in_each_viewers_own_zone() {
        String token = "<!date^1796144400^{date_short_pretty} at {time}|2026-12-01 17:00 UTC>"; // 17:00 UTC

        assertThat(new BlockKitHtml(ZoneId.of("America/Los_Angeles"), NOW).mrkdwn(token)).contains("Today at 9:00 AM");
        assertThat(new BlockKitHtml(ZoneId.of("Asia/Kolkata"), NOW).mrkdwn(token)).contains("Today at 10:30 PM");
        assertThat(new BlockKitHtml(ZoneId.of("UTC"), Instant.parse("2026-12-03T12:00:00Z")).mrkdwn(token))
                .contains("Dec 1, 2026 at 5:00 PM");
        assertThat(new BlockKitHtml(ZoneId.of("UTC"), NOW).mrkdwn("<!date^nonsense^{time}|the fallback>")).isEqualTo("the fallback");
    }

    @Test
    void every_modal_input_renders_with_its_ids_and_initial_values() {
        JsonArray blocks = JsonParser.parseString("""
                [{"type":"input","block_id":"t","label":{"type":"plain_text","text":"T"},"element":{"type":"plain_text_input","action_id":"t","initial_value":"hi","multiline":true}},
                 {"type":"input","block_id":"s","label":{"type":"plain_text","text":"S"},"element":{"type":"static_select","action_id":"s","options":[{"text":{"type":"plain_text","text":"One"},"value":"1"}],"initial_option":{"text":{"type":"plain_text","text":"One"},"value":"1"}}},
                 {"type":"input","block_id":"m","label":{"type":"plain_text","text":"M"},"element":{"type":"multi_static_select","action_id":"m","options":[{"text":{"type":"plain_text","text":"A"},"value":"a"}]}},
                 {"type":"input","block_id":"u","label":{"type":"plain_text","text":"U"},"element":{"type":"users_select","action_id":"u","initial_user":"U0BOB"}},
                 {"type":"input","block_id":"mu","label":{"type":"plain_text","text":"MU"},"element":{"type":"multi_users_select","action_id":"mu"}},
                 {"type":"input","block_id":"d","label":{"type":"plain_text","text":"D"},"element":{"type":"datepicker","action_id":"d","initial_date":"2026-12-24"}},
                 {"type":"input","block_id":"tm","label":{"type":"plain_text","text":"TM"},"element":{"type":"timepicker","action_id":"tm","initial_time":"09:30"}},
                 {"type":"input","block_id":"c","label":{"type":"plain_text","text":"C"},"element":{"type":"checkboxes","action_id":"c","options":[{"text":{"type":"plain_text","text":"Yes"},"value":"y"}]}},
                 {"type":"input","block_id":"r","label":{"type":"plain_text","text":"R"},"optional":true,"element":{"type":"radio_buttons","action_id":"r","options":[{"text":{"type":"plain_text","text":"Left"},"value":"l"}]}},
                 {"type":"image","image_url":"https://example.com/x.png","alt_text":"x"},
                 {"type":"actions","block_id":"a","elements":[{"type":"overflow","action_id":"o","options":[{"text":{"type":"plain_text","text":"Delete"},"value":"del"}]}]}]
                """).getAsJsonArray();

        String html = new BlockKitHtml(ZoneId.of("UTC"), NOW).blocks(blocks, Map.of("d", "Pick a later date"));

        assertThat(html).doesNotContain("bk-unsupported")
                .contains("<textarea", ">hi</textarea>", "<option value=\"1\" selected>One</option>", "multiple",
                        "<option value=\"U0BOB\" selected>Bob Schmidt", "type=\"date\"", "value=\"2026-12-24\"",
                        "type=\"time\"", "value=\"09:30\"", "type=\"checkbox\"", "type=\"radio\"", "(optional)",
                        "<img class=\"bk-img\" src=\"https://example.com/x.png\"", "bk-overflow",
                        "data-error-for=\"d\">Pick a later date");
    }

    @Test
    void page_values_become_slacks_state_shape() {
        JsonObject view = JsonParser.parseString("""
                {"type":"modal","blocks":[
                 {"type":"input","block_id":"s","element":{"type":"static_select","action_id":"s","options":[{"text":{"type":"plain_text","text":"One"},"value":"1"}]}},
                 {"type":"input","block_id":"mu","element":{"type":"multi_users_select","action_id":"mu"}},
                 {"type":"input","block_id":"c","element":{"type":"checkboxes","action_id":"c","options":[{"text":{"type":"plain_text","text":"Yes"},"value":"y"}]}},
                 {"type":"input","block_id":"d","element":{"type":"datepicker","action_id":"d"}},
                 {"type":"input","block_id":"t","element":{"type":"plain_text_input","action_id":"t"}}]}
                """).getAsJsonObject();
        var sent = Map.of("s", Map.of("s", (com.google.gson.JsonElement) new com.google.gson.JsonPrimitive("1")),
                "mu", Map.of("mu", JsonParser.parseString("[\"U0BOB\",\"U0ALICE\"]")),
                "c", Map.of("c", JsonParser.parseString("[\"y\"]")),
                "d", Map.of("d", (com.google.gson.JsonElement) new com.google.gson.JsonPrimitive("2026-12-24")));

        JsonObject state = ElementValues.state(view, sent);

        assertThat(state.getAsJsonObject("s").getAsJsonObject("s").getAsJsonObject("selected_option").toString())
                .contains("\"value\":\"1\"").contains("\"text\":\"One\"");
        assertThat(state.getAsJsonObject("mu").getAsJsonObject("mu").get("selected_users").toString()).isEqualTo("[\"U0BOB\",\"U0ALICE\"]");
        assertThat(state.getAsJsonObject("c").getAsJsonObject("c").getAsJsonArray("selected_options")).hasSize(1);
        assertThat(state.getAsJsonObject("d").getAsJsonObject("d").get("selected_date").getAsString()).isEqualTo("2026-12-24");
        assertThat(state.getAsJsonObject("t").getAsJsonObject("t").get("value").isJsonNull()).as("left empty").isTrue();
    }
}
