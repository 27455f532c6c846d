package io.devloop.tasks;

import java.time.Instant;

/** A loop's experiment context: what the tasks of that loop test, and when to roll back. All text is optional. */
public record Experiment(String teamId, long loopId, String hypothesis, String primaryMetric, String infrastructure,
                         String rollbackCriteria, String editedBy, Instant editedAt) {

    /** Saved with every field left empty: nothing to show on a task list. */
    public boolean isEmpty() {
        return blank(hypothesis) && blank(primaryMetric) && blank(infrastructure) && blank(rollbackCriteria);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
