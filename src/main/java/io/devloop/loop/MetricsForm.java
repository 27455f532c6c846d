package io.devloop.loop;

import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.Forms.Choice;
import io.devloop.slack.Forms.Field;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The success metrics form: technical and business metrics (one per line) and the feature's DORA notes. Names its
 * fields, reads a submission into a {@link Draft} or inline errors, and writes saved metrics back as field values.
 */
public final class MetricsForm {
    static final int MAX_METRICS = 20;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 500;
    static final int MAX_THRESHOLD = 200;
    static final String YES = "yes";
    static final String NO = "no";

    public static final Field TECHNICAL = Field.multiline("metrics_technical", "Technical metrics", 3000, true,
            "Checkout latency | p95 < 300 ms | p95 > 500 ms | Prometheus",
            "One per line: name | target | alert threshold | measured by. Thresholds look like “p95 > 500 ms” "
                    + "or “> 1 %” (the metric's own name is then the metric).");
    public static final Field BUSINESS = Field.multiline("metrics_business", "Business metrics", 3000, true,
            "Recovered carts | +5 % within 30 days | Looker funnel report",
            "One per line: name | target | measured by.");
    public static final Field LEAD_TIME = Field.text("metrics_lead_time", "Lead time for this feature", MAX_TEXT, true,
            "3 days from first commit to production", "DORA: how long from commit to running in production.");
    public static final Field SMOOTH = Field.radio("metrics_smooth", "Deployed smoothly?", true, List.of(
            new Choice(YES, "Yes"), new Choice(NO, "No")), null);
    public static final Field NOTES = Field.multiline("metrics_dora_notes", "What happened", 2000, true,
            "The first deploy failed its canary: a missing index; rolled back in 4 min",
            "Required when it did not deploy smoothly: why not, and what you learned.");

    private MetricsForm() {
    }

    /** One metric line, checked; {@code threshold} is null for business metrics and when none was typed. */
    record MetricDraft(String name, String target, String measuredBy, String thresholdText,
                       ThresholdParser.Threshold threshold) {
    }

    record DoraDraft(String leadTime, Boolean deployedSmoothly, String notes) {
    }

    /** A valid submission; {@code dora} is null when all of its fields were left empty. */
    record Draft(List<MetricDraft> technical, List<MetricDraft> business, DoraDraft dora) {
    }


    /** Metrics read from a multiline field: the good ones, and a problem per bad line. */
    record Metrics(List<MetricDraft> metrics, List<String> problems) {
    }

    static LoopPart.Reading<Draft> read(View view) {
        Map<String, String> errors = new LinkedHashMap<>();
        Metrics technical = parseTechnical(Forms.text(view, TECHNICAL));
        report(TECHNICAL, technical, errors);
        Metrics business = parseBusiness(Forms.text(view, BUSINESS));
        report(BUSINESS, business, errors);
        String leadTime = Forms.text(view, LEAD_TIME);
        Forms.require(LEAD_TIME, leadTime, errors);
        String smooth = Forms.choice(view, SMOOTH);
        String notes = Forms.text(view, NOTES);
        Forms.require(NOTES, notes, errors);
        if (NO.equals(smooth) && notes == null) {
            errors.put(NOTES.id(), "It did not deploy smoothly: say why, or what happened.");
        }
        if (!errors.isEmpty()) {
            return LoopPart.Reading.invalid(errors);
        }
        Boolean smoothly = smooth == null ? null : YES.equals(smooth);
        DoraDraft dora = leadTime == null && smoothly == null && notes == null ? null : new DoraDraft(leadTime, smoothly, notes);
        return LoopPart.Reading.valid(new Draft(technical.metrics(), business.metrics(), dora));
    }

    /** Lines of {@code name | target | alert threshold | measured by}. */
    static Metrics parseTechnical(String text) {
        return parse(text, 4, "a technical metric has at most four parts: name | target | alert threshold | measured by",
                line -> {
                    String threshold = line.part(2);
                    ThresholdParser.Threshold parsed = null;
                    if (!threshold.isEmpty()) {
                        if (threshold.length() > MAX_THRESHOLD) {
                            return problem("the alert threshold is longer than " + MAX_THRESHOLD + " characters");
                        }
                        var result = ThresholdParser.parse(threshold, line.part(0));
                        if (result instanceof ThresholdParser.Result.Invalid invalid) {
                            return problem(invalid.problem());
                        }
                        parsed = ((ThresholdParser.Result.Parsed) result).threshold();
                    }
                    return metric(line.part(0), line.part(1), line.part(3), FormLines.orNull(threshold), parsed);
                });
    }

    /** Lines of {@code name | target | measured by}. */
    static Metrics parseBusiness(String text) {
        return parse(text, 3, "a business metric has at most three parts: name | target | measured by",
                line -> metric(line.part(0), line.part(1), line.part(2), null, null));
    }

    /** A line read: a metric, or the problem with it. */
    private record LineResult(MetricDraft metric, String problem) {
    }

    private static LineResult problem(String problem) {
        return new LineResult(null, problem);
    }

    private static LineResult metric(String name, String target, String measuredBy, String thresholdText,
                                     ThresholdParser.Threshold threshold) {
        if (target.length() > MAX_TEXT) {
            return problem("the target is longer than " + MAX_TEXT + " characters");
        }
        if (measuredBy.length() > MAX_TEXT) {
            return problem("“measured by” is longer than " + MAX_TEXT + " characters");
        }
        return new LineResult(new MetricDraft(name, FormLines.orNull(target), FormLines.orNull(measuredBy), thresholdText,
                threshold), null);
    }

    private static Metrics parse(String text, int parts, String tooManyParts,
                                 java.util.function.Function<FormLines.Line, LineResult> read) {
        List<FormLines.Line> lines = FormLines.split(text);
        if (lines.size() > MAX_METRICS) {
            return new Metrics(List.of(), List.of("at most " + MAX_METRICS + " metrics, this has " + lines.size()));
        }
        List<MetricDraft> metrics = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (FormLines.Line line : lines) {
            LineResult result;
            if (line.parts().size() > parts) {
                result = problem(tooManyParts);
            } else if (line.part(0).isEmpty()) {
                result = problem("the metric needs a name before the first |");
            } else if (line.part(0).length() > MAX_NAME) {
                result = problem("the metric name is longer than " + MAX_NAME + " characters");
            } else {
                result = read.apply(line);
            }
            if (result.problem() != null) {
                problems.add(line.problem(result.problem()));
            } else {
                metrics.add(result.metric());
            }
        }
        return new Metrics(problems.isEmpty() ? metrics : List.of(), problems);
    }

    private static void report(Field field, Metrics metrics, Map<String, String> errors) {
        if (!metrics.problems().isEmpty()) {
            errors.put(field.id(), FormLines.message(metrics.problems()));
        }
    }

    static String renderTechnical(List<SuccessMetric> metrics) {
        return FormLines.render(metrics.stream()
                .map(m -> Arrays.asList(m.name(), m.target(), m.thresholdText(), m.measuredBy())).toList(), TECHNICAL.maxLength());
    }

    static String renderBusiness(List<SuccessMetric> metrics) {
        return FormLines.render(metrics.stream()
                .map(m -> Arrays.asList(m.name(), m.target(), m.measuredBy())).toList(), BUSINESS.maxLength());
    }

    /** The field values that show saved metrics and DORA notes in the modal. */
    static Map<Field, Object> initialValues(List<SuccessMetric> technical, List<SuccessMetric> business,
                                            Optional<DoraNotes> dora) {
        Map<Field, Object> values = new LinkedHashMap<>();
        values.put(TECHNICAL, renderTechnical(technical));
        values.put(BUSINESS, renderBusiness(business));
        dora.ifPresent(d -> {
            values.put(LEAD_TIME, d.leadTime());
            values.put(SMOOTH, d.deployedSmoothly() == null ? null : d.deployedSmoothly() ? YES : NO);
            values.put(NOTES, d.notes());
        });
        return values;
    }
}
