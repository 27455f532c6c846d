package io.devloop.loop;

import com.google.gson.JsonObject;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
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

class SuccessMetricsTest extends DevloopTest {
    static final String TECHNICAL = """
            Checkout latency | p95 < 300 ms | p95 > 500 ms | Prometheus
            Error rate | < 0.5 % | >1% | Grafana""";
    static final String BUSINESS = "Recovered carts | +5 % within 30 days | Looker funnel report";

    static Map<String, JsonObject> complete() {
        Map<String, JsonObject> v = new LinkedHashMap<>();
        v.put("metrics_technical", text(TECHNICAL));
        v.put("metrics_business", text(BUSINESS));
        v.put("metrics_lead_time", text("3 days from first commit to production"));
        v.put("metrics_smooth", choice("no"));
        v.put("metrics_dora_notes", text("The canary caught a missing index; rolled back in 4 min"));
        return v;
    }

    @Test
    void metrics_and_dora_notes_are_stored_with_structured_thresholds_and_the_card_shows_the_full_score() {
        long loopId = PipelineDesignTest.planLoop(server);

        HttpResponse<String> ack = server.slack().submitView("U0BOB", MetricsViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(complete()));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(ack).keySet()).isEmpty();
        assertThat(metricRows()).containsExactly(
                List.of("technical", 1, "Checkout latency", "p95 < 300 ms", "Prometheus", "p95 > 500 ms", "p95", ">", 500.0, "ms"),
                List.of("technical", 2, "Error rate", "< 0.5 %", "Grafana", ">1%", "Error rate", ">", 1.0, "%"),
                java.util.Arrays.asList("business", 1, "Recovered carts", "+5 % within 30 days", "Looker funnel report",
                        null, null, null, null, null));
        Map<String, Object> dora = server.jdbi().withHandle(h -> h.createQuery("SELECT * FROM loop_dora").mapToMap().one());
        assertThat(dora).containsEntry("team_id", FakeSlack.TEAM).containsEntry("loop_id", loopId)
                .containsEntry("lead_time", "3 days from first commit to production")
                .containsEntry("deployed_smoothly", false)
                .containsEntry("notes", "The canary caught a missing index; rolled back in 4 min")
                .containsEntry("edited_by", "U0BOB");

        await().atMost(Duration.ofSeconds(5)).until(() -> !slack.calls("chat.update").isEmpty());
        String card = slack.calls("chat.update").get(slack.calls("chat.update").size() - 1).blocks().toString();
        assertThat(card).contains("metrics 15/15");
    }

    @Test
    void a_complete_pipeline_and_metrics_give_the_score_its_25_and_15_points_on_the_card() {
        long loopId = PipelineDesignTest.planLoop(server);

        server.slack().submitView(PipelineViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(PipelineDesignTest.complete()));
        server.slack().submitView(MetricsViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(complete()));

        Score score = server.jdbi().withHandle(h -> Score.of(LoopSnapshots.load(h, FakeSlack.TEAM, loopId).orElseThrow()));
        assertThat(score.pipeline()).isEqualTo(25);
        assertThat(score.metrics()).isEqualTo(15);
        assertThat(score.missingSummary()).doesNotContain("pipeline").doesNotContain("metrics");
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> c.blocks().toString().contains("pipeline 25/25 · metrics 15/15")));
    }

    @Test
    void the_card_button_opens_the_modal_prefilled_and_saving_it_unchanged_stores_the_same_metrics() {
        long loopId = PipelineDesignTest.planLoop(server);
        server.slack().submitView(MetricsViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(complete()));
        var metricsBefore = metricRows();
        var doraBefore = doraRow();

        HttpResponse<String> click = server.slack().clickButton(LoopViews.METRICS_ACTION, Long.toString(loopId));
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        JsonObject view = ModalState.view(slack.calls("views.open").get(0));
        HttpResponse<String> again = server.slack().submitView(MetricsViews.SAVE_CALLBACK,
                view.get("private_metadata").getAsString(), ModalState.unchanged(view));

        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(view.get("callback_id").getAsString()).isEqualTo("loop.metrics.save");
        assertThat(view.getAsJsonObject("title").get("text").getAsString()).isEqualTo("Metrics · L-1");
        assertThat(ModalState.initialValues(view))
                .containsEntry("metrics_technical", """
                        Checkout latency | p95 < 300 ms | p95 > 500 ms | Prometheus
                        Error rate | < 0.5 % | >1% | Grafana""")
                .containsEntry("metrics_business", BUSINESS)
                .containsEntry("metrics_smooth", "no");
        assertThat(SlackRequests.errors(again).keySet()).isEmpty();
        assertThat(metricRows()).isEqualTo(metricsBefore).hasSize(3);
        assertThat(doraRow()).isEqualTo(doraBefore);
    }

    @Test
    void the_command_opens_the_metrics_modal_of_the_channels_latest_loop() {
        long loopId = PipelineDesignTest.planLoop(server);

        HttpResponse<String> ack = server.slack().command("metrics");

        assertThat(SlackRequests.ackText(ack)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        JsonObject view = ModalState.view(slack.calls("views.open").get(0));
        assertThat(view.get("private_metadata").getAsString()).isEqualTo(Long.toString(loopId));
        assertThat(ModalState.initialValues(view).keySet()).containsExactly("metrics_technical", "metrics_business",
                "metrics_lead_time", "metrics_smooth", "metrics_dora_notes");
    }

    @Test
    void a_threshold_without_a_number_is_refused_inline_naming_its_line_and_nothing_is_stored() {
        long loopId = PipelineDesignTest.planLoop(server);
        Map<String, JsonObject> values = complete();
        values.put("metrics_technical", text("""
                Checkout latency | p95 < 300 ms | p95 > 500 ms | Prometheus
                Error rate | < 0.5 % | above one percent | Grafana"""));

        HttpResponse<String> ack = server.slack().submitView(MetricsViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(values));

        JsonObject errors = SlackRequests.errors(ack);
        assertThat(errors.keySet()).containsExactly("metrics_technical");
        assertThat(errors.get("metrics_technical").getAsString())
                .startsWith("line 2: the threshold “above one percent” has no comparator");
        assertNothingStored();
    }

    @Test
    void not_deployed_smoothly_without_saying_why_is_refused_inline_and_nothing_is_stored() {
        long loopId = PipelineDesignTest.planLoop(server);
        Map<String, JsonObject> values = complete();
        values.put("metrics_dora_notes", text(""));

        HttpResponse<String> ack = server.slack().submitView(MetricsViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(values));

        assertThat(SlackRequests.errors(ack).keySet()).containsExactly("metrics_dora_notes");
        assertNothingStored();
    }

    @Test
    void saving_again_replaces_metrics_and_dora_notes_as_a_whole() {
        long loopId = PipelineDesignTest.planLoop(server);
        server.slack().submitView(MetricsViews.SAVE_CALLBACK, Long.toString(loopId), ModalState.state(complete()));
        Map<String, JsonObject> fewer = new LinkedHashMap<>();
        fewer.put("metrics_technical", text("Availability | 99.9 % | availability < 99.5 % | Pingdom"));

        HttpResponse<String> ack = server.slack().submitView(MetricsViews.SAVE_CALLBACK, Long.toString(loopId),
                ModalState.state(fewer));

        assertThat(SlackRequests.errors(ack).keySet()).isEmpty();
        assertThat(metricRows()).containsExactly(List.of("technical", 1, "Availability", "99.9 %", "Pingdom",
                "availability < 99.5 %", "availability", "<", 99.5, "%"));
        assertThat(server.count("loop_dora")).isZero();
    }

    @Test
    void another_teams_loop_id_in_the_modal_is_refused_and_nothing_is_stored() {
        PipelineDesignTest.planLoop(server);
        String otherTeam = SlackRequests.commandBody("T0OTHER", "C0OTHER", "U0BOB", "plan Elsewhere");
        server.slack().send(otherTeam, "application/x-www-form-urlencoded", Map.of());
        long otherLoop = Long.parseLong(server.queryString("SELECT id FROM loops WHERE team_id = 'T0OTHER'"));

        HttpResponse<String> click = server.slack().clickButton(LoopViews.METRICS_ACTION, Long.toString(otherLoop));
        HttpResponse<String> ack = server.slack().submitView(MetricsViews.SAVE_CALLBACK, Long.toString(otherLoop),
                ModalState.state(complete()));

        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(ack).get("metrics_technical").getAsString()).contains("not in this workspace");
        assertThat(server.count("loop_metrics")).isZero();
        assertThat(server.count("loop_dora")).isZero();
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> slack.calls("views.open").isEmpty());
    }

    private void assertNothingStored() {
        assertThat(server.count("loop_metrics")).isZero();
        assertThat(server.count("loop_dora")).isZero();
        assertThat(server.count("outbox")).isEqualTo(1); // the card's post only: no card update was queued
    }

    private List<List<Object>> metricRows() {
        return server.jdbi().withHandle(h -> h.createQuery("""
                        SELECT kind, position, name, target, measured_by, threshold_text, threshold_metric,
                               threshold_comparator, threshold_value, threshold_unit
                        FROM loop_metrics ORDER BY kind DESC, position""")
                .map((rs, ctx) -> java.util.Arrays.<Object>asList(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9) == null ? null : rs.getDouble(9), rs.getString(10)))
                .list());
    }

    private Map<String, Object> doraRow() {
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery("SELECT * FROM loop_dora").mapToMap().one());
        row.remove("edited_at");
        return row;
    }
}
