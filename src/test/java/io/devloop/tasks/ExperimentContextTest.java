package io.devloop.tasks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ExperimentContextTest extends DevloopTest {
    private long loopId;

    @BeforeEach
    void planALoop() {
        loopId = planLoop("Checkout v2");
    }

    @Test
    void the_card_button_opens_an_empty_experiment_modal_for_the_loop() {
        server.slack().clickButton(ExperimentViews.OPEN_ACTION, Long.toString(loopId));

        JsonObject view = openedView(1);
        assertThat(view.get("callback_id").getAsString()).isEqualTo("loop.experiment.save");
        assertThat(view.get("private_metadata").getAsString()).isEqualTo(Long.toString(loopId));
        assertThat(view.getAsJsonObject("title").get("text").getAsString()).isEqualTo("Experiment · L-1");
        String blocks = view.get("blocks").toString();
        assertThat(blocks).contains("experiment_hypothesis", "experiment_metric", "experiment_infrastructure",
                "experiment_rollback").contains("\"max_length\":500").doesNotContain("Last edited").doesNotContain("initial_value");
    }

    @Test
    void saving_stores_the_context_for_the_team_with_its_editor() {
        HttpResponse<String> ack = submit(FakeSlack.TEAM, "U0BOB", loopId, "Edge caching cuts p95", "p95 < 300 ms", null,
                "error rate > 1 % for 5 min");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty(); // closes the modal
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT team_id, loop_id, hypothesis, primary_metric, infrastructure, rollback_criteria, edited_by FROM loop_experiments")
                .mapToMap().one());
        assertThat(row).containsEntry("team_id", FakeSlack.TEAM).containsEntry("loop_id", loopId)
                .containsEntry("hypothesis", "Edge caching cuts p95").containsEntry("primary_metric", "p95 < 300 ms")
                .containsEntry("infrastructure", null).containsEntry("rollback_criteria", "error rate > 1 % for 5 min")
                .containsEntry("edited_by", "U0BOB");

        submit(FakeSlack.TEAM, SlackRequests.USER, loopId, "Edge caching cuts p95 by half", null, null, null);

        assertThat(server.count("loop_experiments")).isEqualTo(1);
        assertThat(server.queryString("SELECT hypothesis || '/' || edited_by FROM loop_experiments"))
                .isEqualTo("Edge caching cuts p95 by half/" + SlackRequests.USER);
    }

    @Test
    void another_teams_loop_is_refused_and_nothing_is_stored() {
        HttpResponse<String> ack = submit("T0OTHERTEAM", "U0MALLORY", loopId, "Mine now", null, null, null);

        assertThat(SlackRequests.errors(ack).get("experiment_hypothesis").getAsString())
                .isEqualTo("This loop is not in this workspace (any more), so nothing was saved.");
        assertThat(server.count("loop_experiments")).isZero();
        ExperimentService service = new ExperimentService(server.jdbi(), Clock.systemUTC());
        submit(FakeSlack.TEAM, "U0BOB", loopId, "Ours", null, null, null);
        assertThat(service.of("T0OTHERTEAM", loopId)).isEmpty();
        assertThat(service.of(FakeSlack.TEAM, loopId)).map(Experiment::hypothesis).contains("Ours");
    }

    @Test
    void a_field_over_its_limit_gets_an_inline_error() {
        HttpResponse<String> ack = submit(FakeSlack.TEAM, "U0BOB", loopId, null, "x".repeat(501), null, null);

        assertThat(SlackRequests.errors(ack).get("experiment_metric").getAsString()).isEqualTo("Keep it under 500 characters.");
        assertThat(server.count("loop_experiments")).isZero();
    }

    @Test
    void reopening_prefills_the_saved_context_and_says_who_edited_it_last_in_the_viewers_zone() {
        slack.userZone(SlackRequests.USER, "Europe/Berlin");
        submit(FakeSlack.TEAM, "U0BOB", loopId, "Edge caching cuts p95", "p95 < 300 ms", "2 cache nodes", "error rate > 1 %");

        server.slack().clickButton(ExperimentViews.OPEN_ACTION, Long.toString(loopId));

        String blocks = openedView(1).get("blocks").toString();
        assertThat(blocks).contains("Last edited by <@U0BOB> on ").contains("(Europe/Berlin)")
                .contains("\"initial_value\":\"Edge caching cuts p95\"").contains("\"initial_value\":\"p95 < 300 ms\"")
                .contains("\"initial_value\":\"2 cache nodes\"").contains("\"initial_value\":\"error rate > 1 %\"");
    }

    @Test
    void a_click_from_another_workspace_opens_nothing() throws InterruptedException {
        JsonObject payload = JsonParser.parseString("""
                {"type":"block_actions","team":{"id":"T0OTHERTEAM","domain":"evil"},
                 "user":{"id":"U0MALLORY","username":"mallory","team_id":"T0OTHERTEAM"},"api_app_id":"A0DEVLOOP",
                 "trigger_id":"1.2.3","container":{"type":"message","message_ts":"1.2","channel_id":"C0GENERAL"},
                 "channel":{"id":"C0GENERAL","name":"general"},"response_url":"https://hooks.slack.com/actions/x",
                 "actions":[{"type":"button","action_id":"loop.experiment.open","block_id":"loop.more","value":"%d",
                             "action_ts":"1700000001.000200"}]}""".formatted(loopId)).getAsJsonObject();

        assertThat(server.slack().interactivity(payload).statusCode()).isEqualTo(200);

        Thread.sleep(1000);
        assertThat(slack.calls("views.open")).isEmpty();
    }

    private HttpResponse<String> submit(String teamId, String userId, long loop, String hypothesis, String metric,
                                        String infrastructure, String rollback) {
        return server.slack().submitView(teamId, userId, ExperimentViews.SAVE_CALLBACK, Long.toString(loop), state(
                "experiment_hypothesis", text(hypothesis), "experiment_metric", text(metric),
                "experiment_infrastructure", text(infrastructure), "experiment_rollback", text(rollback)));
    }

    private JsonObject openedView(int calls) {
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() >= calls);
        return JsonParser.parseString(slack.calls("views.open").get(calls - 1).get("view")).getAsJsonObject();
    }
}
