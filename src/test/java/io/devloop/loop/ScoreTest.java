package io.devloop.loop;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Loop LOOP = new Loop(1, "T1", 1, "C1", "Cart", "cart", "U1", null, 5L, NOW, NOW);

    @Test
    void an_empty_loop_scores_zero_and_lists_everything_missing() {
        Score score = Score.of(LoopSnapshots.empty(LOOP));

        assertThat(score.total()).isZero();
        assertThat(score.passing()).isFalse();
        assertThat(score.missing()).contains("Plan: not filled in", "feedback loops: 0 of 5", "pipeline: not designed",
                "metrics: a technical metric, a business metric, DORA notes");
    }

    @Test
    void a_complete_loop_scores_one_hundred() {
        Score score = Score.of(complete());

        assertThat(score.phases()).isEqualTo(40);
        assertThat(score.feedback()).isEqualTo(20);
        assertThat(score.pipeline()).isEqualTo(25);
        assertThat(score.metrics()).isEqualTo(15);
        assertThat(score.total()).isEqualTo(100);
        assertThat(score.missing()).isEmpty();
    }

    @Test
    void each_gap_costs_its_points_and_is_named() {
        LoopSnapshot full = complete();
        Map<Phase, PhaseAnswer> phases = new EnumMap<>(full.phases());
        PhaseAnswer test = phases.get(Phase.TEST);
        phases.put(Phase.TEST, new PhaseAnswer("T1", 1, "test", test.whatHappens(), null, null, null, "soon", null,
                null, null, "U1", NOW));
        List<FeedbackLoop> four = full.feedback().subList(0, 4);
        Pipeline noVerification = new Pipeline("T1", 1, "push to main", null, null, "canary", 10, 15L, "1 day", 1440L, "U1", NOW);
        LoopSnapshot partial = new LoopSnapshot(LOOP, phases, four, Optional.of(noVerification), full.stages(),
                full.metrics(), Optional.of(new DoraNotes("T1", 1, "3 days", false, null, "U1", NOW)));

        Score score = Score.of(partial);

        assertThat(score.phases()).isEqualTo(36);      // Test: roles, tools, duration, automation
        assertThat(score.feedback()).isEqualTo(8);     // 4 loops, and fewer than 5 earn no explanation/speed points
        assertThat(score.pipeline()).isEqualTo(20);    // no verification
        assertThat(score.metrics()).isEqualTo(10);     // "not smooth" needs a why
        assertThat(score.total()).isEqualTo(74);
        assertThat(score.passing()).isFalse();
        assertThat(score.missing()).containsExactly("Test: roles, tools, duration, automation", "feedback loops: 4 of 5",
                "pipeline: verification", "metrics: DORA notes");
    }

    /** A fully filled loop: every point of the rubric earned. */
    static LoopSnapshot complete() {
        Map<Phase, PhaseAnswer> phases = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            phases.put(p, new PhaseAnswer("T1", 1, p.key(), "Work of " + p.label(), "Developers", "U2", "Tools", "1 hour",
                    60L, "Output", "Automate it", "U1", NOW));
        }
        List<FeedbackLoop> feedback = new ArrayList<>();
        String[][] pairs = {{"monitor", "plan"}, {"test", "code"}, {"build", "code"}, {"operate", "plan"}, {"deploy", "test"}};
        for (int i = 0; i < pairs.length; i++) {
            feedback.add(new FeedbackLoop(i + 1, "T1", 1, pairs[i][0], pairs[i][1], "What flows", "Slack", "minutes",
                    "An example", "U1", NOW));
        }
        List<PipelineStage> stages = List.of(
                new PipelineStage(1, "T1", 1, 1, "Build", "mvn package", "5 min", 5L, "compiles", "stop"),
                new PipelineStage(2, "T1", 1, 2, "Test", "mvn verify", "10 min", 10L, "tests pass", "notify"),
                new PipelineStage(3, "T1", 1, 3, "Deploy", "argo sync", "15 min", 15L, "healthy", "rollback"));
        Pipeline pipeline = new Pipeline("T1", 1, "push to main", "#team", "smoke tests + SLO watch", "canary", 10, 15L,
                "1 day", 1440L, "U1", NOW);
        List<SuccessMetric> metrics = List.of(
                new SuccessMetric(1, "T1", 1, "technical", 1, "Latency", "p95 < 300 ms", "Prometheus", "p95 > 500 ms",
                        "p95", ">", 500.0, "ms"),
                new SuccessMetric(2, "T1", 1, "business", 1, "Recovered carts", "+5 %", "Looker", null, null, null, null, null));
        return new LoopSnapshot(LOOP, phases, feedback, Optional.of(pipeline), stages, metrics,
                Optional.of(new DoraNotes("T1", 1, "2 days", true, null, "U1", NOW)));
    }
}
