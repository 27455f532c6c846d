package io.devloop.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The loop's completeness score, 0–100, following the exercise rubric. Phases 40: one point per phase for each
 * of activities, roles, tools, duration, automation. Feedback loops 20: two points per loop up to five (10),
 * every loop explained with what flows back, how and an example (5), every loop with a speed (5). Pipeline 25:
 * stages with what runs (10 for three or more), failure handling on every stage (5), post-deploy
 * verification/monitoring (5), practical: a trigger and a rollback strategy (5). Metrics 15: a technical metric
 * with target, threshold and source (5), a business metric with target and source (5), DORA notes (5).
 *
 * @param missing what would raise the score, in the words a card can show
 */
public record Score(int phases, int feedback, int pipeline, int metrics, List<String> missing) {
    public static final int PASSING = 80;
    static final int LOOPS_WANTED = 5;
    static final int STAGES_WANTED = 3;

    public int total() {
        return phases + feedback + pipeline + metrics;
    }

    public boolean passing() {
        return total() >= PASSING;
    }

    public static Score of(LoopSnapshot s) {
        List<String> missing = new ArrayList<>();
        return new Score(phases(s.phases(), missing), feedback(s.feedback(), missing), pipeline(s, missing),
                metrics(s, missing), List.copyOf(missing));
    }

    private static int phases(Map<Phase, PhaseAnswer> answers, List<String> missing) {
        int points = 0;
        for (Phase phase : Phase.values()) {
            PhaseAnswer a = answers.get(phase);
            List<String> gaps = new ArrayList<>();
            points += point(a != null && filled(a.whatHappens()), gaps, "activities");
            points += point(a != null && (filled(a.roles()) || !a.ownerIds().isEmpty()), gaps, "roles");
            points += point(a != null && filled(a.tools()), gaps, "tools");
            points += point(a != null && a.durationMinutes() != null, gaps, "duration");
            points += point(a != null && filled(a.automation()), gaps, "automation");
            if (a == null) {
                missing.add(phase.label() + ": not filled in");
            } else if (!gaps.isEmpty()) {
                missing.add(phase.label() + ": " + String.join(", ", gaps));
            }
        }
        return points;
    }

    private static int feedback(List<FeedbackLoop> loops, List<String> missing) {
        int count = Math.min(loops.size(), LOOPS_WANTED);
        if (loops.size() < LOOPS_WANTED) {
            missing.add("feedback loops: " + loops.size() + " of " + LOOPS_WANTED);
        }
        boolean enough = loops.size() >= LOOPS_WANTED;
        boolean explained = enough && loops.stream().allMatch(f -> filled(f.information()) && filled(f.channel()) && filled(f.example()));
        boolean timed = enough && loops.stream().allMatch(f -> filled(f.speed()));
        if (enough && !explained) {
            missing.add("feedback loops: an example scenario for each");
        }
        return count * 2 + (explained ? 5 : 0) + (timed ? 5 : 0);
    }

    private static int pipeline(LoopSnapshot s, List<String> missing) {
        if (s.pipeline().isEmpty()) {
            missing.add("pipeline: not designed");
            return 0;
        }
        Pipeline p = s.pipeline().get();
        List<String> gaps = new ArrayList<>();
        long stages = s.stages().stream().filter(st -> filled(st.whatRuns())).count();
        int stagePoints = (int) (Math.min(stages, STAGES_WANTED) * 10 / STAGES_WANTED);
        if (stages < STAGES_WANTED) {
            gaps.add(stages + " of " + STAGES_WANTED + " stages");
        }
        boolean failureHandled = !s.stages().isEmpty()
                && s.stages().stream().allMatch(st -> filled(st.gate()) && filled(st.onFailure()));
        int points = stagePoints;
        points += point(failureHandled, gaps, "a gate and failure action on every stage") * 5;
        points += point(filled(p.verification()), gaps, "verification") * 5;
        points += point(filled(p.triggerText()) && filled(p.rollbackStrategy()), gaps, "trigger and rollback") * 5;
        if (!gaps.isEmpty()) {
            missing.add("pipeline: " + String.join(", ", gaps));
        }
        return points;
    }

    private static int metrics(LoopSnapshot s, List<String> missing) {
        List<String> gaps = new ArrayList<>();
        boolean technical = s.metrics(SuccessMetric.TECHNICAL).stream()
                .anyMatch(m -> filled(m.target()) && filled(m.thresholdText()) && filled(m.measuredBy()));
        boolean business = s.metrics(SuccessMetric.BUSINESS).stream()
                .anyMatch(m -> filled(m.target()) && filled(m.measuredBy()));
        boolean dora = s.dora().filter(d -> filled(d.leadTime()) && d.deployedSmoothly() != null
                && (d.deployedSmoothly() || filled(d.notes()))).isPresent();
        int points = point(technical, gaps, "a technical metric") * 5
                + point(business, gaps, "a business metric") * 5
                + point(dora, gaps, "DORA notes") * 5;
        if (!gaps.isEmpty()) {
            missing.add("metrics: " + String.join(", ", gaps));
        }
        return points;
    }

    /** "Plan: tools · pipeline: verification · …" */
    public String missingSummary() {
        return missing.stream().collect(Collectors.joining(" · "));
    }

    private static int point(boolean met, List<String> gaps, String what) {
        if (!met) {
            gaps.add(what);
        }
        return met ? 1 : 0;
    }

    private static boolean filled(String s) {
        return s != null && !s.isBlank();
    }
}
