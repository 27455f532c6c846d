package io.devloop.loop;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `/devloop export` and the card's Export button, through signed requests: the ack comes at once, the four markdown
 * files and the loop diagram * are shared in the loop's channel with files upload v2 against the fake Slack, and Slack's refusals reach the
 * requester through response_url. The server runs in Europe/Berlin, the golden files' zone.
 */
class ExportCommandTest {
    private static final String RESPONSE_PATH = "/response/export";

    private FakeSlack slack;
    private TestServer server;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        Map<String, String> env = new java.util.HashMap<>(TestServer.env(slack, TestServer.freshH2Url()));
        env.put("DEVLOOP_TZ", ExportFixtures.ZONE.getId());
        server = TestServer.start(env);
        stubFileUploads();
    }

    @AfterEach
    void stop() {
        server.close();
        slack.close();
    }

    @Test
    void export_acks_at_once_then_shares_the_golden_markdown_and_the_diagram_in_the_loops_channel() throws Exception {
        seedCompleteLoop();

        HttpResponse<String> ack = command("export L-3");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.ackText(ack)).isEqualTo(":hourglass_flowing_sand: Exporting 5 files for *L-3 Shopping Cart Abandonment Emails* …");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("files.completeUploadExternal").size() == 1);
        Map<String, String> golden = LoopExportGoldenTest.golden();
        List<FakeSlack.Call> urls = slack.calls("files.getUploadURLExternal");
        List<String> expected = new java.util.ArrayList<>(golden.keySet());
        expected.add(ExportService.DIAGRAM);
        assertThat(urls).extracting(c -> c.get("filename")).containsExactlyElementsOf(expected);
        for (FakeSlack.Call call : urls.subList(0, golden.size())) {
            assertThat(call.get("length")).isEqualTo(Integer.toString(golden.get(call.get("filename")).getBytes(StandardCharsets.UTF_8).length));
        }
        for (var file : golden.entrySet()) {
            assertThat(uploadedBody(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
        }
        BufferedImage diagram = ImageIO.read(new ByteArrayInputStream(slack.uploadedBytes(ExportService.DIAGRAM)));
        assertThat(diagram.getWidth()).isEqualTo(LoopDiagram.WIDTH);
        assertThat(diagram.getHeight()).isEqualTo(LoopDiagram.HEIGHT);
        assertThat(urls.get(4).get("length")).isEqualTo(Integer.toString(slack.uploadedBytes(ExportService.DIAGRAM).length));
        FakeSlack.Call complete = slack.calls("files.completeUploadExternal").get(0);
        assertThat(complete.get("channel_id")).isEqualTo(SlackRequests.CHANNEL);
        JsonArray files = JsonParser.parseString(complete.get("files")).getAsJsonArray();
        assertThat(files.asList()).extracting(f -> f.getAsJsonObject().get("id").getAsString())
                .containsExactly("F-loop-mapping.md", "F-feedback-loops.md", "F-pipeline-design.md", "F-success-metrics.md",
                        "F-loop-diagram.png");
        assertThat(complete.get("initial_comment")).contains("*L-3 Shopping Cart Abandonment Emails*")
                .contains("<@" + SlackRequests.USER + ">").contains("Completeness 100/100");
        assertThat(responses()).as("nothing went wrong, so nothing is said through response_url").isEmpty();
    }

    @Test
    void when_devloop_is_not_in_the_channel_the_requester_is_told_how_to_fix_it_through_response_url() {
        seedCompleteLoop();
        slack.stub("files.completeUploadExternal", okJson("{\"ok\":false,\"error\":\"not_in_channel\"}"));

        HttpResponse<String> ack = command("export shopping cart");

        assertThat(SlackRequests.ackText(ack)).startsWith(":hourglass_flowing_sand: Exporting 5 files for *L-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> responses().size() == 1);
        JsonObject answer = responses().get(0);
        assertThat(answer.get("response_type").getAsString()).isEqualTo("ephemeral");
        assertThat(answer.get("text").getAsString()).startsWith(":warning: I couldn't export *L-3*.")
                .contains("I'm not a member of <#" + SlackRequests.CHANNEL + ">").contains("`/invite @devloop`");
    }

    @Test
    void when_the_upload_url_refuses_the_bytes_the_requester_hears_it_and_nothing_is_shared() {
        seedCompleteLoop();
        slack.stub(post(urlPathMatching("/upload/.*")).willReturn(FakeSlack.status(503)));

        command("export L-3");

        await().atMost(Duration.ofSeconds(10)).until(() -> responses().size() == 1);
        assertThat(responses().get(0).get("text").getAsString()).contains("refused the upload (HTTP 503)");
        assertThat(slack.calls("files.completeUploadExternal")).isEmpty();
    }

    @Test
    void the_cards_export_button_says_exporting_first_then_shares_the_files_without_replacing_the_card() {
        long loopId = seedCompleteLoop();

        HttpResponse<String> ack = server.slack().interactivity(exportClick(Long.toString(loopId)));

        assertThat(ack.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("files.completeUploadExternal").size() == 1);
        assertThat(slack.calls("files.completeUploadExternal").get(0).get("channel_id")).isEqualTo(SlackRequests.CHANNEL);
        assertThat(responses()).hasSize(1);
        JsonObject progress = responses().get(0);
        assertThat(progress.get("text").getAsString()).contains("Exporting 5 files for *L-3 Shopping Cart Abandonment Emails*");
        assertThat(progress.get("replace_original").getAsBoolean()).isFalse();
        assertThat(progress.get("response_type").getAsString()).isEqualTo("ephemeral");
    }

    @Test
    void an_export_button_on_another_teams_loop_shares_nothing() {
        long otherTeams = server.jdbi().withExtension(LoopDao.class, dao -> dao.insert("T0OTHER", 1, "C0OTHER",
                "Elsewhere", "elsewhere", "U0BOB", ExportFixtures.PLANNED));

        HttpResponse<String> ack = server.slack().interactivity(exportClick(Long.toString(otherTeams)));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(slack.calls("files.getUploadURLExternal")).isEmpty();
        assertThat(responses()).isEmpty();
    }

    @Test
    void an_unknown_loop_is_answered_with_the_channels_loops_and_nothing_is_uploaded() {
        seedCompleteLoop();

        HttpResponse<String> ack = command("export L-99");

        assertThat(SlackRequests.ackText(ack)).contains("There is no loop `L-99`").contains("`/devloop export L-3`");
        assertThat(slack.calls("files.getUploadURLExternal")).isEmpty();
    }

    @Test
    void a_redelivered_export_command_shares_the_files_once() {
        seedCompleteLoop();
        String body = commandBody("export L-3");

        server.slack().send(body, "application/x-www-form-urlencoded", Map.of());
        HttpResponse<String> retry = server.slack().send(body, "application/x-www-form-urlencoded",
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(retry.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("files.completeUploadExternal").size() == 1);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(5))
                .until(() -> slack.calls("files.completeUploadExternal").size() == 1); // and no second share follows
        assertThat(slack.calls("files.getUploadURLExternal")).hasSize(5);
    }

    // ---- the fake Slack's files upload v2, and the response_url

    /** The fake Slack answers files upload v2 by default; the command's response_url points at it too. */
    private void stubFileUploads() {
        slack.stub(post(urlPathEqualTo(RESPONSE_PATH)).willReturn(ok("ok")));
    }

    private String uploadedBody(String filename) {
        return slack.uploaded(filename);
    }

    private List<JsonObject> responses() {
        return slack.server().findAll(postRequestedFor(urlPathEqualTo(RESPONSE_PATH))).stream()
                .map(r -> JsonParser.parseString(r.getBodyAsString()).getAsJsonObject()).toList();
    }

    /** Alice's command in #general, with a response_url that points at the fake Slack. */
    private String commandBody(String text) {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, text);
        String slackUrl = URLEncoder.encode("https://hooks.slack.com/commands/" + FakeSlack.TEAM + "/1/abc", StandardCharsets.UTF_8);
        assertThat(body).contains(slackUrl);
        return body.replace(slackUrl, URLEncoder.encode(slack.baseUrl() + RESPONSE_PATH, StandardCharsets.UTF_8));
    }

    private HttpResponse<String> command(String text) {
        return server.slack().send(commandBody(text), "application/x-www-form-urlencoded", Map.of());
    }

    /** A click on the loop card's Export button, as Slack sends it, with a response_url at the fake Slack. */
    private JsonObject exportClick(String value) {
        JsonObject payload = JsonParser.parseString("""
                {"type":"block_actions","api_app_id":"A0DEVLOOP","trigger_id":"1.%d.0a1b",
                 "team":{"id":"%s","domain":"acme"},"user":{"id":"%s","username":"alice","team_id":"%s"},
                 "channel":{"id":"%s","name":"general"},
                 "container":{"type":"message","message_ts":"1700000000.000100","channel_id":"%s"},
                 "actions":[{"type":"button","action_id":"%s","block_id":"loop.more","action_ts":"1700000001.000200"}]}"""
                .formatted(System.nanoTime(), FakeSlack.TEAM, SlackRequests.USER, FakeSlack.TEAM, SlackRequests.CHANNEL,
                        SlackRequests.CHANNEL, LoopViews.EXPORT_ACTION)).getAsJsonObject();
        payload.addProperty("response_url", slack.baseUrl() + RESPONSE_PATH);
        payload.getAsJsonArray("actions").get(0).getAsJsonObject().addProperty("value", value);
        return payload;
    }

    // ---- the loop of the golden files, stored the way the walkthrough's forms store it

    private long seedCompleteLoop() {
        return server.jdbi().inTransaction(h -> {
            Loop fixture = ExportFixtures.loop(0);
            long id = h.attach(LoopDao.class).insert(fixture.teamId(), fixture.seq(), fixture.channelId(), fixture.feature(),
                    fixture.featureKey(), fixture.ownerId(), fixture.createdAt());
            h.createUpdate("UPDATE loops SET service = :service WHERE id = :id").bind("service", fixture.service()).bind("id", id).execute();
            LoopSnapshot s = ExportFixtures.complete(id);
            WalkthroughDao dao = h.attach(WalkthroughDao.class);
            s.phases().values().forEach(dao::insertPhase);
            s.feedback().forEach(dao::insertFeedback);
            s.pipeline().ifPresent(dao::insertPipeline);
            s.stages().forEach(dao::insertStage);
            s.metrics().forEach(dao::insertMetric);
            s.dora().ifPresent(dao::insertDora);
            return id;
        });
    }
}
