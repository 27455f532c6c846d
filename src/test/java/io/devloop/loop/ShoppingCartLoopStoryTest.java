package io.devloop.loop;

import com.google.gson.JsonObject;
import io.devloop.testing.DevloopExtension;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.devloop.testing.SlackRequests.choice;
import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;
import static io.devloop.testing.SlackRequests.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptance story: a team maps "Shopping Cart Abandonment Emails" through the whole DevOps loop
 * with signed requests only — command, card buttons, modal submissions — and ends with a 100/100 card and an
 * export that matches its golden files.
 */
class ShoppingCartLoopStoryTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/export-story");

    @RegisterExtension
    final DevloopExtension devloop = new DevloopExtension();

    @Test
    void a_team_maps_a_feature_through_the_whole_loop_and_scores_100() throws IOException {
        FakeSlack slack = devloop.slack();
        TestServer server = devloop.server();

        // Plan the feature: the card appears
        server.slack().command("plan Shopping Cart Abandonment Emails");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.count("outbox WHERE message_ts IS NOT NULL") == 1);
        String loopId = server.queryString("SELECT id FROM loops");

        // All eight phases, each opened from the card and saved from its modal
        for (Phase phase : Phase.values()) {
            ok(server.slack().clickButton("loop.phase.open." + phase.key(), loopId));
            ok(server.slack().submitView("loop.phase", loopId + ":" + phase.key(), phaseAnswer(phase)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 8);

        // Five feedback loops, from the card's button
        ok(server.slack().clickButton("loop.feedback.open", loopId));
        String[][] feedback = {
                {"monitor", "plan", "Recovered-cart rate and unsubscribes per email", "Weekly product review", "days"},
                {"test", "code", "Failing template rendering tests", "PR check + Slack", "minutes"},
                {"build", "code", "Compile errors and lint findings", "CI status on the PR", "minutes"},
                {"operate", "plan", "Email provider bounces and quota warnings", "Ops sync", "hours"},
                {"deploy", "test", "Canary error rate above the gate", "Argo notification", "immediate"}};
        for (String[] f : feedback) {
            ok(server.slack().submitView("loop.feedback.entry", "loop=" + loopId + ";list=V1;entry=", state(
                    "feedback_from", choice(f[0]), "feedback_to", choice(f[1]), "feedback_information", text(f[2]),
                    "feedback_channel", text(f[3]), "feedback_speed", choice(f[4]),
                    "feedback_example", text("Example: " + f[2].toLowerCase()))));
        }

        // The pipeline
        ok(server.slack().clickButton("loop.pipeline.open", loopId));
        ok(server.slack().submitView("loop.pipeline.save", loopId, state(
                "pipeline_trigger", text("Pull request merged to main"),
                "pipeline_stages", text("""
                        Build | mvn verify; docker build | 8 min | unit tests pass | stop
                        Integration | Testcontainers suite | 15 min | all green | stop
                        Canary | Argo Rollouts 10 % | 30 min | error rate < 1 % | rollback
                        Full rollout | Argo promote | 10 min | all pods ready | rollback"""),
                "pipeline_notifications", text("#cart-deploys on every stage; PagerDuty when a rollback fails"),
                "pipeline_verification", text("Synthetic checkout every minute; error rate and p95 against baseline"),
                "pipeline_rollback", choice("canary"),
                "pipeline_canary_percent", text("10"),
                "pipeline_canary_watch", text("30 min"),
                "pipeline_target", text("2 hours"))));

        // Success metrics
        ok(server.slack().clickButton("loop.metrics.open", loopId));
        ok(server.slack().submitView("loop.metrics.save", loopId, state(
                "metrics_technical", text("""
                        Email send latency | p95 < 2 s | p95 > 5 s | Prometheus
                        Send failures | < 0.5 % | > 1 % | Provider webhooks"""),
                "metrics_business", text("Recovered carts | +8 % of abandoned carts | Looker"),
                "metrics_lead_time", text("4 days from first commit to production"),
                "metrics_smooth", choice("yes"),
                "metrics_dora_notes", text(""))));

        // Then: everything is stored
        assertThat(server.count("loop_phases")).isEqualTo(8);
        assertThat(server.count("loop_phase_history")).isEqualTo(8);
        assertThat(server.count("loop_feedback")).isEqualTo(5);
        assertThat(server.count("loop_pipeline_stages")).isEqualTo(4);
        assertThat(server.count("loop_metrics")).isEqualTo(3);
        Map<String, Object> threshold = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT threshold_metric, threshold_comparator, threshold_value, threshold_unit FROM loop_metrics WHERE name = 'Send failures'")
                .mapToMap().one());
        assertThat(threshold).containsEntry("threshold_comparator", ">").containsEntry("threshold_value", 1.0)
                .containsEntry("threshold_unit", "%");

        LoopSnapshot snapshot = server.jdbi().withHandle(h -> LoopSnapshots.load(h, FakeSlack.TEAM, Long.parseLong(loopId)).orElseThrow());
        assertThat(Score.of(snapshot).total()).isEqualTo(100);

        // and the card, updated in place, says so
        await().atMost(Duration.ofSeconds(10)).until(() -> server.count("outbox WHERE status = 'pending'") == 0);
        List<FakeSlack.Call> updates = slack.calls("chat.update");
        FakeSlack.Call last = updates.get(updates.size() - 1);
        String cardTs = server.queryString("SELECT message_ts FROM outbox WHERE kind = 'post'");
        assertThat(updates).allSatisfy(u -> assertThat(u.get("ts")).isEqualTo(cardTs));
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        String card = last.blocks().toString();
        assertThat(card).contains("*Completeness 100/100* ▓▓▓▓▓▓▓▓▓▓ · :white_check_mark: passing")
                .contains("phases 40/40 · feedback 20/20 · pipeline 25/25 · metrics 15/15")
                .contains("Feedback loops (5)").doesNotContain("Still missing").doesNotContain(":white_square:");
        assertThat(last.get("text")).contains("8 of 8 phases done, completeness 100/100");

        // Export: four files equal to the golden markdown (times vary per run and are masked), and the loop's diagram
        HttpResponse<String> export = server.slack().command("export L-1");
        assertThat(SlackRequests.ackText(export)).contains("Exporting 5 files");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("files.completeUploadExternal").size() == 1);
        assertThat(slack.uploadedBytes(ExportService.DIAGRAM)).isEqualTo(LoopDiagram.png(snapshot));
        for (String file : List.of("loop-mapping.md", "feedback-loops.md", "pipeline-design.md", "success-metrics.md")) {
            String uploaded = maskTimes(slack.uploaded(file));
            assertThat(uploaded).isEqualTo(maskTimes(LoopExport.files(snapshot, Score.of(snapshot), java.time.ZoneId.of("UTC")).get(file)));
            Path golden = GOLDEN.resolve(file);
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(golden, uploaded, StandardCharsets.UTF_8);
            }
            assertThat(uploaded).as(file).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
    }

    private static JsonObject phaseAnswer(Phase phase) {
        return state(
                "what", text(phase.label() + ": " + PhaseGuide.of(phase).split("_")[0].strip()),
                "roles", text("Developers, product manager"),
                "owners", users("U0BOB"),
                "tools", text(phase.label() + " tooling"),
                "duration", text(phase.ordinal() % 2 == 0 ? "2 hours" : "1 day"),
                "deliverable", text(phase.label() + " done"),
                "automation", text("Automate the " + phase.key() + " checks"));
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(response).keySet()).as("inline errors in " + response.body()).isEmpty();
    }

    /** Dates and times of this run ("2026-12-01 20:37 +00:00", "<!date^…>") become placeholders. */
    private static String maskTimes(String markdown) {
        return markdown.replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}( [+-]\\d{2}:\\d{2}| UTC| Z)?", "<time>");
    }
}
