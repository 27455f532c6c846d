package io.devloop.loop;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestDb;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pipeline and metrics saves on PostgreSQL: its CHECKs accept what the forms store, the loop lock works, the card updates. */
class PipelineAndMetricsOnPostgresTest {

    @Test
    void a_pipeline_and_metrics_saved_twice_on_postgres_keep_one_design_and_score_25_and_15() {
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = new HashMap<>(TestServer.env(slack, "unused"));
            env.putAll(TestDb.POSTGRES.env(Map.of()));
            try (TestServer server = TestServer.start(env)) {
                long loopId = PipelineDesignTest.planLoop(server);
                String id = Long.toString(loopId);

                for (int i = 0; i < 2; i++) {
                    var pipeline = server.slack().submitView(PipelineViews.SAVE_CALLBACK, id,
                            ModalState.state(PipelineDesignTest.complete()));
                    var metrics = server.slack().submitView(MetricsViews.SAVE_CALLBACK, id,
                            ModalState.state(SuccessMetricsTest.complete()));
                    assertThat(SlackRequests.errors(pipeline).keySet()).isEmpty();
                    assertThat(SlackRequests.errors(metrics).keySet()).isEmpty();
                }

                assertThat(server.count("loop_pipelines")).isEqualTo(1);
                assertThat(server.count("loop_pipeline_stages WHERE on_failure IN ('stop', 'rollback')")).isEqualTo(3);
                double p95 = server.jdbi().withHandle(h -> h.createQuery(
                        "SELECT threshold_value FROM loop_metrics WHERE threshold_metric = 'p95'").mapTo(Double.class).one());
                assertThat(p95).isEqualTo(500.0);
                Score score = server.jdbi().withHandle(h -> Score.of(LoopSnapshots.load(h, FakeSlack.TEAM, loopId).orElseThrow()));
                assertThat(score.pipeline()).isEqualTo(25);
                assertThat(score.metrics()).isEqualTo(15);
                await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                        .anyMatch(c -> c.blocks().toString().contains("pipeline 25/25 · metrics 15/15")));
                assertThat(server.app().summary()).contains("db=PostgreSQL");
            }
        }
    }
}
