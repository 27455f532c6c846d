package io.devloop.loop;

import com.google.gson.JsonObject;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.devloop.testing.SlackRequests.choice;
import static io.devloop.testing.SlackRequests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineDesignTest extends DevloopTest {
    static final String STAGES = """
            Build | mvn package, docker build | 5 min | image pushed | stop
            Test | unit + integration tests | 10 min | all tests pass | stop
            Canary | 10 % of traffic | 30 min | p95 < 300 ms for 10 min | rollback""";

    /** A complete canary pipeline as a person fills in the modal. */
    static Map<String, JsonObject> complete() {
        Map<String, JsonObject> v = new LinkedHashMap<>();
        v.put("pipeline_trigger", text("PR merged to main"));
        v.put("pipeline_stages", text(STAGES));
        v.put("pipeline_notifications", text("#checkout-dev on failure, release notes to #releases"));
        v.put("pipeline_verification", text("Smoke tests pass; p95 and error rate stay normal for 30 min"));
        v.put("pipeline_rollback", choice("canary"));
        v.put("pipeline_canary_percent", text("10 %"));
        v.put("pipeline_canary_watch", text("30 min"));
        v.put("pipeline_target", text("2 hours"));
        return v;
    }

    /** `/devloop plan` and wait for its card to be delivered, so that saves can update it. */
    static long planLoop(TestServer server) {
        server.slack().command("plan Checkout v2");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.count("outbox WHERE message_ts IS NOT NULL") >= 1);
        return Long.parseLong(server.queryString("SELECT id FROM loops"));
    }

    @Test
    void a_complete_design_is_stored_with_its_editor_and_the_card_shows_the_full_pipeline_score() {
        long loopId = planLoop(server);

        HttpResponse<String> ack = server.slack().submitView("U0BOB", PipelineViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(complete()));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(ack).keySet()).isEmpty();
        Map<String, Object> pipeline = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM loop_pipelines WHERE loop_id = :id").bind("id", loopId).mapToMap().one());
        assertThat(pipeline).containsEntry("team_id", FakeSlack.TEAM)
                .containsEntry("trigger_text", "PR merged to main")
                .containsEntry("notifications", "#checkout-dev on failure, release notes to #releases")
                .containsEntry("verification", "Smoke tests pass; p95 and error rate stay normal for 30 min")
                .containsEntry("rollback_strategy", "canary").containsEntry("canary_percent", 10)
                .containsEntry("canary_watch_minutes", 30L).containsEntry("target_text", "2 hours")
                .containsEntry("target_minutes", 120L).containsEntry("edited_by", "U0BOB");
        assertThat(stageRows()).containsExactly(
                List.of(1, "Build", "mvn package, docker build", "5 min", 5L, "image pushed", "stop"),
                List.of(2, "Test", "unit + integration tests", "10 min", 10L, "all tests pass", "stop"),
                List.of(3, "Canary", "10 % of traffic", "30 min", 30L, "p95 < 300 ms for 10 min", "rollback"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !slack.calls("chat.update").isEmpty());
        String card = slack.calls("chat.update").get(slack.calls("chat.update").size() - 1).blocks().toString();
        assertThat(card).contains("pipeline 25/25");
        Score score = server.jdbi().withHandle(h -> Score.of(LoopSnapshots.load(h, FakeSlack.TEAM, loopId).orElseThrow()));
        assertThat(score.pipeline()).isEqualTo(25);
    }

    @Test
    void the_command_opens_the_modal_of_the_named_loop_prefilled_with_its_saved_design() {
        long loopId = planLoop(server);
        server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(complete()));

        HttpResponse<String> ack = server.slack().command("pipeline checkout");

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.ackText(ack)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        JsonObject view = ModalState.view(slack.calls("views.open").get(0));
        assertThat(view.get("callback_id").getAsString()).isEqualTo("loop.pipeline.save");
        assertThat(view.get("private_metadata").getAsString()).isEqualTo(Long.toString(loopId));
        assertThat(view.getAsJsonObject("title").get("text").getAsString()).isEqualTo("Pipeline · L-1");
        assertThat(view.toString()).contains("Last saved by <@" + SlackRequests.USER + ">");
        assertThat(ModalState.initialValues(view))
                .containsEntry("pipeline_trigger", "PR merged to main")
                .containsEntry("pipeline_stages", STAGES)
                .containsEntry("pipeline_rollback", "canary")
                .containsEntry("pipeline_canary_percent", "10")
                .containsEntry("pipeline_canary_watch", "30 min")
                .containsEntry("pipeline_target", "2 hours");
    }

    @Test
    void a_new_loop_opens_an_empty_modal_whose_stage_field_shows_the_format() {
        planLoop(server);

        server.slack().command("pipeline L-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        JsonObject view = ModalState.view(slack.calls("views.open").get(0));
        assertThat(ModalState.initialValues(view).values()).containsOnlyNulls();
        assertThat(view.toString()).contains("name | what runs | duration | gate | on failure (notify, stop or rollback)");
    }

    @Test
    void the_card_button_opens_the_modal_and_saving_it_unchanged_stores_the_same_design() {
        long loopId = planLoop(server);
        Map<String, JsonObject> typed = complete();
        typed.put("pipeline_stages", text("""
                Build|mvn package|5m|compiles|Stop

                Lint | eslint |  |  | notify
                Deploy 🚀 | helm upgrade | 1.5 hours | pods ready | roll back"""));
        server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(typed));
        var stagesBefore = stageRows();
        var pipelineBefore = pipelineRow();

        HttpResponse<String> click = server.slack().clickButton(LoopViews.PIPELINE_ACTION, Long.toString(loopId));
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        JsonObject view = ModalState.view(slack.calls("views.open").get(0));
        HttpResponse<String> again = server.slack().submitView(PipelineViews.SAVE_CALLBACK,
                view.get("private_metadata").getAsString(), ModalState.unchanged(view));

        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(ModalState.initialValues(view)).containsEntry("pipeline_stages", """
                Build | mvn package | 5m | compiles | stop
                Lint | eslint |  |  | notify
                Deploy 🚀 | helm upgrade | 1.5 hours | pods ready | rollback""");
        assertThat(SlackRequests.errors(again).keySet()).isEmpty();
        assertThat(stageRows()).isEqualTo(stagesBefore).hasSize(3);
        assertThat(pipelineRow()).isEqualTo(pipelineBefore);
    }

    @Test
    void a_retried_submission_does_not_overwrite_a_later_save() {
        long loopId = planLoop(server);
        JsonObject first = ModalState.submission(PipelineViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(complete()));
        server.slack().interactivity(first);
        Map<String, JsonObject> later = complete();
        later.put("pipeline_trigger", text("tag pushed"));
        server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(later));

        HttpResponse<String> retry = server.slack().interactivity(first);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(retry).keySet()).isEmpty();
        assertThat(server.queryString("SELECT trigger_text FROM loop_pipelines")).isEqualTo("tag pushed");
    }

    @Test
    void saving_again_replaces_the_stages_as_a_whole() {
        long loopId = planLoop(server);
        server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(complete()));
        Map<String, JsonObject> shorter = complete();
        shorter.put("pipeline_stages", text("Ship | ./deploy.sh | 2 min | health check green | rollback"));
        shorter.put("pipeline_rollback", choice("blue_green"));

        server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(shorter));

        assertThat(stageRows()).containsExactly(List.of(1, "Ship", "./deploy.sh", "2 min", 2L, "health check green", "rollback"));
        assertThat(server.count("loop_pipelines")).isEqualTo(1);
        // canary settings only belong to a canary
        assertThat(pipelineRow()).containsEntry("rollback_strategy", "blue_green")
                .containsEntry("canary_percent", null).containsEntry("canary_watch_minutes", null);
    }

    @Test
    void a_canary_without_its_percent_is_refused_inline_and_nothing_is_stored() {
        long loopId = planLoop(server);
        Map<String, JsonObject> values = complete();
        values.put("pipeline_canary_percent", text(""));

        HttpResponse<String> ack = server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(values));

        assertThat(SlackRequests.errors(ack).keySet()).containsExactly("pipeline_canary_percent");
        assertThat(SlackRequests.errors(ack).get("pipeline_canary_percent").getAsString()).contains("1 to 100");
        assertNothingStored();
    }

    @Test
    void a_canary_percent_out_of_range_or_a_watch_time_that_is_no_duration_is_refused_inline() {
        long loopId = planLoop(server);
        Map<String, JsonObject> values = complete();
        values.put("pipeline_canary_percent", text("150"));
        values.put("pipeline_canary_watch", text("a while"));

        HttpResponse<String> ack = server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(values));

        JsonObject errors = SlackRequests.errors(ack);
        assertThat(errors.keySet()).containsExactlyInAnyOrder("pipeline_canary_percent", "pipeline_canary_watch");
        assertThat(errors.get("pipeline_canary_watch").getAsString()).contains("“a while” is not a duration");
        assertNothingStored();
    }

    @Test
    void a_target_time_that_is_not_a_duration_is_refused_inline_and_nothing_is_stored() {
        long loopId = planLoop(server);
        Map<String, JsonObject> values = complete();
        values.put("pipeline_target", text("asap"));

        HttpResponse<String> ack = server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(values));

        assertThat(SlackRequests.errors(ack).keySet()).containsExactly("pipeline_target");
        assertThat(SlackRequests.errors(ack).get("pipeline_target").getAsString()).contains("“asap” is not a duration");
        assertNothingStored();
    }

    @Test
    void bad_stage_lines_are_refused_inline_naming_each_line_and_nothing_is_stored() {
        long loopId = planLoop(server);
        Map<String, JsonObject> values = complete();
        values.put("pipeline_stages", text("""
                Build | mvn package | 5 min | compiles | stop
                Test | mvn verify | 10 min | green | stop
                Deploy | helm upgrade | 2 min | pods ready | shrug"""));
        values.put("pipeline_trigger", text("  "));

        HttpResponse<String> ack = server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(values));

        JsonObject errors = SlackRequests.errors(ack);
        assertThat(errors.keySet()).containsExactlyInAnyOrder("pipeline_stages", "pipeline_trigger");
        assertThat(errors.get("pipeline_stages").getAsString()).isEqualTo("line 3: on failure must be notify, stop or rollback");
        assertNothingStored();
    }

    @Test
    void another_teams_loop_id_in_the_modal_is_refused_and_nothing_is_stored() {
        planLoop(server);
        String otherTeam = SlackRequests.commandBody("T0OTHER", "C0OTHER", "U0BOB", "plan Elsewhere");
        server.slack().send(otherTeam, "application/x-www-form-urlencoded", Map.of());
        long otherLoop = Long.parseLong(server.queryString("SELECT id FROM loops WHERE team_id = 'T0OTHER'"));

        HttpResponse<String> click = server.slack().clickButton(LoopViews.PIPELINE_ACTION, Long.toString(otherLoop));
        HttpResponse<String> ack = server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(otherLoop),
                ModalState.state(complete()));

        assertThat(SlackRequests.errors(ack).get("pipeline_trigger").getAsString()).contains("not in this workspace");
        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(server.count("loop_pipelines")).isZero();
        assertThat(server.count("loop_pipeline_stages")).isZero();
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> slack.calls("views.open").isEmpty());
    }

    @Test
    void an_unknown_loop_gets_the_channels_loops_as_commands_and_opens_nothing() {
        planLoop(server);

        HttpResponse<String> ack = server.slack().command("pipeline L-9");

        assertThat(SlackRequests.ackText(ack)).contains("There is no loop `L-9`").contains("`/devloop pipeline L-1`");
        assertThat(slack.calls("views.open")).isEmpty();
    }

    private void assertNothingStored() {
        assertThat(server.count("loop_pipelines")).isZero();
        assertThat(server.count("loop_pipeline_stages")).isZero();
        assertThat(server.count("outbox")).isEqualTo(1); // the card's post only: no card update was queued
    }

    private List<List<Object>> stageRows() {
        return server.jdbi().withHandle(h -> h.createQuery("""
                        SELECT position, name, what_runs, duration_text, duration_minutes, gate, on_failure
                        FROM loop_pipeline_stages ORDER BY position""")
                .map((rs, ctx) -> java.util.Arrays.<Object>asList(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), rs.getString(7)))
                .list());
    }

    private Map<String, Object> pipelineRow() {
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery("SELECT * FROM loop_pipelines").mapToMap().one());
        row.remove("edited_at");
        return row;
    }
}
