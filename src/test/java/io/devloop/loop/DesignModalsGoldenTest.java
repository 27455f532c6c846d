package io.devloop.loop;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline and metrics modals people read, pinned as Block Kit JSON. Regenerate with -Dgolden.update=true. */
class DesignModalsGoldenTest {
    private static final Instant SAVED = Instant.parse("2026-12-01T09:30:00Z");
    private static final Loop LOOP = new Loop(7, "T1", 3, "C1", "Checkout v2", "checkout v2", "U0ALICE", null, 11L, SAVED, SAVED);

    @Test
    void the_pipeline_modal_of_a_saved_design_matches_its_golden_file() throws IOException {
        Pipeline pipeline = new Pipeline("T1", 7, "PR merged to main", "#checkout-dev on failure", "Smoke tests pass",
                "canary", 10, 30L, "2 hours", 120L, "U0BOB", SAVED);
        List<PipelineStage> stages = List.of(
                new PipelineStage(1, "T1", 7, 1, "Build", "mvn package", "5 min", 5L, "compiles", "stop"),
                new PipelineStage(2, "T1", 7, 2, "Canary", "10 % of traffic", "30 min", 30L, "p95 < 300 ms", "rollback"));

        assertGolden("pipeline-modal.json", PipelineViews.modal(new PipelinePart.Design(LOOP, Optional.of(pipeline), stages)));
    }

    @Test
    void the_metrics_modal_of_saved_metrics_matches_its_golden_file() throws IOException {
        List<SuccessMetric> metrics = List.of(
                new SuccessMetric(1, "T1", 7, SuccessMetric.TECHNICAL, 1, "Checkout latency", "p95 < 300 ms", "Prometheus",
                        "p95 > 500 ms", "p95", ">", 500.0, "ms"),
                new SuccessMetric(2, "T1", 7, SuccessMetric.BUSINESS, 1, "Recovered carts", "+5 %", "Looker",
                        null, null, null, null, null));
        DoraNotes dora = new DoraNotes("T1", 7, "3 days", true, null, "U0BOB", SAVED);

        assertGolden("metrics-modal.json", MetricsViews.modal(new MetricsPart.Saved(LOOP, metrics, Optional.of(dora))));
    }

    @Test
    void both_modals_fit_block_kit_limits_for_the_longest_feature_name_and_a_large_loop_id() {
        String longest = "🚀<&>".repeat(LoopService.MAX_FEATURE_LENGTH / 3);
        Loop loop = new Loop(1, "T1", 999_999_999, "C1", longest, longest, "U1", null, null, SAVED, SAVED);

        View pipeline = PipelineViews.modal(new PipelinePart.Design(loop, Optional.empty(), List.of()));
        View metrics = MetricsViews.modal(new MetricsPart.Saved(loop, List.of(), Optional.empty()));

        for (View v : List.of(pipeline, metrics)) {
            assertThat(v.getTitle().getText().length()).isLessThanOrEqualTo(24);
            assertThat(v.getBlocks().size()).isLessThanOrEqualTo(100);
            var intro = (com.slack.api.model.block.SectionBlock) v.getBlocks().get(0);
            assertThat(intro.getText().getText()).contains("🚀&lt;&amp;&gt;").doesNotContain("<&>")
                    .startsWith("*L-999999999 ");
            assertThat(intro.getText().getText().length()).isLessThanOrEqualTo(3000);
        }
    }

    private static void assertGolden(String name, View view) throws IOException {
        Path golden = Path.of("src/test/resources/golden/" + name);
        String actual = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(GsonFactory.createSnakeCase().toJson(view))) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
