package io.devloop.sandbox;

import com.google.gson.JsonObject;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import io.devloop.config.Config;
import io.devloop.testing.Http;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

/** Sandbox mode without a browser: the page's endpoints, the real signed path into /slack/events, and the stand-in. */
class SandboxModeTest {
    private static final String ALICE = "U0ALICE";
    private static final String BOB = "U0BOB";
    private static SandboxClient sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxClient.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void no_slack_settings_start_the_sandbox_on_loopback_with_its_stand_in_as_the_web_api() {
        Config config = sandbox.app().config();

        assertThat(config.mode().mode()).isEqualTo(Config.Mode.SANDBOX);
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.slackApiUrl()).isEqualTo("http://127.0.0.1:" + sandbox.app().port() + "/sandbox/api/");
        assertThat(sandbox.app().bot().teamId()).isEqualTo(Workspace.TEAM);
        assertThat(sandbox.app().summary()).contains("mode=sandbox");
        assertThat(sandbox.app().sandbox().openLine(sandbox.app().port()))
                .isEqualTo("devloop sandbox: open http://localhost:" + sandbox.app().port() + "/sandbox");
        assertThat(Http.get(sandbox.url("/sandbox")).body()).contains("<title>devloop sandbox</title>");
        assertThat(Http.get(sandbox.url("/sandbox/assets/sandbox.js")).statusCode()).isEqualTo(200);
    }

    @Test
    void a_command_typed_on_the_page_goes_through_slack_events_and_the_card_appears_in_the_channel() {
        sandbox.command(ALICE, "C0CHECKOUT", "/devloop plan Checkout v2");

        JsonObject state = sandbox.awaitState(ALICE, "C0CHECKOUT", s -> SandboxClient.html(s).contains("Checkout v2"));
        assertThat(SandboxClient.html(state)).contains("bk-header").contains("data-action-id=\"loop.phase.open.build\"")
                .doesNotContain("bk-unsupported");
        assertThat(state.getAsJsonArray("log").toString()).contains("chat.postMessage channel=C0CHECKOUT").contains("→ ok");
        assertThat(SandboxClient.html(sandbox.state(BOB, "C0CHECKOUT"))).as("everyone in the channel sees the card")
                .contains("Checkout v2");
    }

    @Test
    void a_request_with_a_wrong_signature_is_refused_and_the_sandbox_secret_is_accepted() {
        String body = SlackRequests.commandBody(Workspace.TEAM, "C0GENERAL", ALICE, "help");
        String secret = sandbox.app().config().signingSecret();

        var forged = new SlackRequests(sandbox.url(""), "not-the-sandbox-secret").send(body, "application/x-www-form-urlencoded", java.util.Map.of());
        var signed = new SlackRequests(sandbox.url(""), secret).send(body, "application/x-www-form-urlencoded", java.util.Map.of());

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(secret).hasSize(64);
    }

    @Test
    void an_ephemeral_answer_is_shown_only_to_the_user_who_typed_the_command() {
        sandbox.command(BOB, "C0GENERAL", "help");

        String bobSees = SandboxClient.html(sandbox.awaitState(BOB, "C0GENERAL", s -> SandboxClient.html(s).contains("ephemeral")));
        assertThat(bobSees).contains("Only visible to you").contains("/devloop plan &lt;feature&gt;");
        assertThat(SandboxClient.html(sandbox.state("U0CHANDRA", "C0GENERAL"))).doesNotContain("Only visible to you");
    }

    @Test
    void the_phase_modal_shows_the_inline_error_then_the_card_is_updated_in_place() {
        sandbox.command(ALICE, "C0GENERAL", "plan Payments");
        sandbox.awaitState(ALICE, "C0GENERAL", s -> SandboxClient.html(s).contains("Payments"));
        Workspace.Message card = sandbox.app().sandbox().workspace().visibleTo("C0GENERAL", ALICE).stream()
                .filter(m -> m.blocks() != null && m.blocks().toString().contains("Payments")).findFirst().orElseThrow();

        sandbox.post("action", Json.of("user", ALICE, "conversation", "C0GENERAL", "ts", card.ts,
                "blockId", "loop.phases", "actionId", "loop.phase.open.build", "value", "x"));
        JsonObject withModal = sandbox.awaitState(ALICE, "C0GENERAL", s -> !s.get("modal").isJsonNull());
        String viewId = withModal.getAsJsonObject("modal").get("id").getAsString();
        assertThat(SandboxClient.modalHtml(withModal)).contains("Build · L-").contains("data-block-id=\"duration\"");

        JsonObject bad = sandbox.post("submit", Json.of("user", ALICE, "viewId", viewId,
                "inputs", SandboxClient.inputs("what", "Compile and test", "duration", "a while")));
        assertThat(bad.get("result").getAsString()).isEqualTo("errors");
        assertThat(SandboxClient.modalHtml(sandbox.state(ALICE, "C0GENERAL")))
                .contains("data-error-for=\"duration\"").contains("as a duration");

        JsonObject good = sandbox.post("submit", Json.of("user", ALICE, "viewId", viewId,
                "inputs", SandboxClient.inputs("what", "Compile and test", "duration", "2 hours")));
        assertThat(good.get("result").getAsString()).isEqualTo("closed");
        JsonObject after = sandbox.awaitState(ALICE, "C0GENERAL", s -> SandboxClient.html(s).contains("2 h · edited by"));
        assertThat(after.get("modal").isJsonNull()).isTrue();
        assertThat(SandboxClient.html(after)).contains("data-ts=\"" + card.ts + "\"").contains("(edited)");
        assertThat(sandbox.app().sandbox().workspace().visibleTo("C0GENERAL", ALICE).stream()
                .filter(m -> m.blocks() != null && m.blocks().toString().contains("Payments")).count())
                .as("updated in place, not posted again").isEqualTo(1);
    }

    @Test
    void opening_the_home_tab_sends_app_home_opened_and_shows_the_published_view() {
        sandbox.post("home", Json.of("user", "U0CHANDRA"));

        JsonObject home = sandbox.awaitState("U0CHANDRA", "home", s -> SandboxClient.html(s).contains("data-view-id"));
        assertThat(SandboxClient.html(home)).contains("devloop").doesNotContain("bk-unsupported");
    }

    @Test
    void an_export_uploads_its_files_to_the_stand_in_and_the_page_serves_them() {
        sandbox.command(ALICE, "C0ALERTS", "plan Exported");
        sandbox.awaitState(ALICE, "C0ALERTS", s -> SandboxClient.html(s).contains("Exported"));

        sandbox.command(ALICE, "C0ALERTS", "export Exported");

        String html = SandboxClient.html(sandbox.awaitState(ALICE, "C0ALERTS", s -> SandboxClient.html(s).contains("loop-mapping.md")));
        String fileUrl = html.replaceAll("(?s).*href=\"(/sandbox/files/F\\d+)\"[^>]*>loop-mapping.md.*", "$1");
        var file = Http.get(sandbox.url(fileUrl));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).contains("Exported");
    }

    @Test
    void the_stand_in_answers_like_slack_including_its_errors() throws Exception {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sandbox.app().config().slackApiUrl());
        config.setStatsEnabled(false);
        Slack slack = Slack.getInstance(config);
        MethodsClient bot = slack.methods(Config.SANDBOX_BOT_TOKEN);

        assertThat(slack.methods("xoxb-wrong").authTest(r -> r).getError()).isEqualTo("invalid_auth");
        assertThat(bot.usersInfo(r -> r.user(BOB)).getUser().getTz()).isEqualTo("Europe/Berlin");
        assertThat(bot.usersInfo(r -> r.user("U0NOBODY")).getError()).isEqualTo("user_not_found");
        assertThat(bot.chatPostMessage(r -> r.channel("C0NOWHERE").text("x")).getError()).isEqualTo("channel_not_found");
        assertThat(bot.viewsOpen(r -> r.triggerId("1.2.used-or-made-up").view(View.builder().type("modal")
                .title(com.slack.api.model.view.Views.viewTitle(t -> t.type("plain_text").text("x"))).blocks(List.of()).build()))
                .getError()).isEqualTo("expired_trigger_id");
        assertThat(bot.chatPostMessage(r -> r.channel("C0GENERAL").text("x").blocks(asBlocks(
                section(s -> s.text(markdownText("x".repeat(3001))))))).getError()).isEqualTo("invalid_blocks");

        var dm = bot.chatPostMessage(r -> r.channel(BOB).text("A reminder for <@U0BOB>"));
        assertThat(dm.isOk()).isTrue();
        assertThat(dm.getChannel()).isEqualTo("D0BOB");
        assertThat(SandboxClient.html(sandbox.state(BOB, "dm"))).contains("A reminder for").contains("@Bob Schmidt");
        assertThat(SandboxClient.html(sandbox.state(ALICE, "dm"))).doesNotContain("A reminder for");

        var parent = bot.chatPostMessage(r -> r.channel("C0CHECKOUT").text("Incident INC-1 opened"));
        assertThat(bot.chatPostMessage(r -> r.channel("C0CHECKOUT").threadTs(parent.getTs()).text("Timeline: acknowledged"))
                .isOk()).isTrue();
        assertThat(bot.chatPostMessage(r -> r.channel("C0CHECKOUT").threadTs("1.000009").text("x")).getError())
                .isEqualTo("thread_not_found");
        assertThat(SandboxClient.html(sandbox.state(ALICE, "C0CHECKOUT")))
                .containsPattern("Incident INC-1 opened.*class=\"thread\".*1 reply.*Timeline: acknowledged");
    }

    @Test
    void text_from_devloop_is_escaped_on_the_page() throws Exception {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sandbox.app().config().slackApiUrl());
        config.setStatsEnabled(false);
        MethodsClient bot = Slack.getInstance(config).methods(Config.SANDBOX_BOT_TOKEN);

        bot.chatPostMessage(r -> r.channel("C0GENERAL").text("x").blocks(asBlocks(section(s -> s.text(markdownText(
                "&lt;script&gt;alert(1)&lt;/script&gt; <javascript:alert(1)|click> <https://example.com|ok>"))))));

        String html = SandboxClient.html(sandbox.awaitState(ALICE, "C0GENERAL", s -> SandboxClient.html(s).contains("alert(1)")));
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("href=\"javascript").contains("<a href=\"https://example.com\"");
    }
}
