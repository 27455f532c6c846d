package io.devloop.tasks;

import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.Forms.Field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The experiment context form: its four optional fields, and reading a submission into a draft or inline errors. */
public final class ExperimentForm {
    public static final Field HYPOTHESIS = Field.multiline("experiment_hypothesis", "Hypothesis", 2000, true,
            "Moving the cart to the edge cache cuts checkout p95 below 300 ms",
            "What you believe this work will change, and why.");
    public static final Field PRIMARY_METRIC = Field.text("experiment_metric", "Primary success metric", 500, true,
            "Checkout p95 latency < 300 ms for 7 days", "The one number that says whether it worked.");
    public static final Field INFRASTRUCTURE = Field.multiline("experiment_infrastructure", "Infrastructure requirements",
            2000, true, "2 more cache nodes, a feature flag, a Grafana panel", "What has to exist before the experiment runs.");
    public static final Field ROLLBACK = Field.multiline("experiment_rollback", "Rollback criteria", 2000, true,
            "Error rate > 1 % for 5 min, or p95 worse than before for 30 min", "When you turn it off, without a debate.");
    static final List<Field> FIELDS = List.of(HYPOTHESIS, PRIMARY_METRIC, INFRASTRUCTURE, ROLLBACK);

    private ExperimentForm() {
    }

    /** A valid submission; a field left empty is null. */
    public record Draft(String hypothesis, String primaryMetric, String infrastructure, String rollbackCriteria) {
    }

    /** A submission read: a draft to save, or inline errors by field id. */
    record Reading(Draft draft, Map<String, String> errors) {
    }

    static Reading read(View view) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<Field, String> values = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            String value = Forms.text(view, f);
            Forms.require(f, value, errors); // Slack enforces max_length too; a crafted payload must not get past it
            values.put(f, value);
        }
        if (!errors.isEmpty()) {
            return new Reading(null, errors);
        }
        return new Reading(new Draft(values.get(HYPOTHESIS), values.get(PRIMARY_METRIC), values.get(INFRASTRUCTURE),
                values.get(ROLLBACK)), Map.of());
    }

    /** The saved text of each field, to pre-fill the modal. */
    static Map<Field, Object> initialValues(Optional<Experiment> saved) {
        Map<Field, Object> values = new LinkedHashMap<>();
        saved.ifPresent(e -> {
            putIfSet(values, HYPOTHESIS, e.hypothesis());
            putIfSet(values, PRIMARY_METRIC, e.primaryMetric());
            putIfSet(values, INFRASTRUCTURE, e.infrastructure());
            putIfSet(values, ROLLBACK, e.rollbackCriteria());
        });
        return values;
    }

    private static void putIfSet(Map<Field, Object> values, Field f, String value) {
        if (value != null) {
            values.put(f, value);
        }
    }
}
