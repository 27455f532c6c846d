package io.devloop.loop;

import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.Forms.Choice;
import io.devloop.slack.Forms.Field;
import io.devloop.slack.SlackText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline design form: its fields (the one place that names them), reading a submission into a
 * {@link Draft} or inline errors, and writing a saved pipeline back into the same field values.
 */
public final class PipelineForm {
    static final int MAX_STAGES = 20;
    static final int MAX_NAME = 200;
    static final int MAX_DURATION_TEXT = 100;
    public static final String BLUE_GREEN = "blue_green";
    public static final String CANARY = "canary";
    public static final String MANUAL = "manual";
    static final List<String> ON_FAILURE = List.of("notify", "stop", "rollback");

    public static final Field TRIGGER = Field.text("pipeline_trigger", "Trigger", 500, false,
            "push to main, PR merged, nightly at 02:00", "What starts the pipeline.");
    public static final Field STAGES = Field.multiline("pipeline_stages", "Stages, in order", 3000, false,
            "Build | mvn package, docker build | 5 min | image pushed | stop",
            "One stage per line: name | what runs | duration | gate | on failure (notify, stop or rollback). "
                    + "Example: Canary | 10% of traffic | 30 min | p95 < 300 ms for 10 min | rollback");
    public static final Field NOTIFICATIONS = Field.multiline("pipeline_notifications", "Notifications", 2000, true,
            "#checkout-dev on failure, release notes to #releases", "Who hears about what.");
    public static final Field VERIFICATION = Field.multiline("pipeline_verification", "Post-deploy verification", 2000, true,
            "Smoke tests pass; p95 and error rate stay normal for 30 min on the dashboard",
            "What proves a release is healthy once it is out: checks, dashboards, alerts.");
    public static final Field ROLLBACK = Field.radio("pipeline_rollback", "Rollback strategy", false, List.of(
            new Choice(BLUE_GREEN, "Blue-green: switch traffic back to the old version"),
            new Choice(CANARY, "Canary: a share of traffic first, watched, then everyone"),
            new Choice(MANUAL, "Manual: redeploy the previous version by hand")), null);
    public static final Field CANARY_PERCENT = Field.text("pipeline_canary_percent", "Canary traffic (%)", 5, true,
            "10", "Canary only: the share of traffic that gets the new version first, 1–100.");
    public static final Field CANARY_WATCH = Field.text("pipeline_canary_watch", "Canary watch time", MAX_DURATION_TEXT, true,
            "30 min", "Canary only: how long the canary is watched before everyone gets it.");
    public static final Field TARGET = Field.text("pipeline_target", "Target commit-to-production time", MAX_DURATION_TEXT,
            false, "2 hours", "From a merged commit to production, e.g. 45 min, 2 h, 1 day.");

    static final List<Field> FIELDS = List.of(TRIGGER, STAGES, NOTIFICATIONS, VERIFICATION, ROLLBACK, CANARY_PERCENT,
            CANARY_WATCH, TARGET);

    private static final Pattern PERCENT = Pattern.compile("^(\\d{1,3})\\s*%?$");

    private PipelineForm() {
    }

    /** One stage as typed, checked. */
    record StageDraft(String name, String whatRuns, String durationText, Long durationMinutes, String gate,
                      String onFailure) {
    }

    /** A valid submission, before it belongs to a team, a loop and an editor. */
    record Draft(String trigger, List<StageDraft> stages, String notifications, String verification, String rollback,
                 Integer canaryPercent, Long canaryWatchMinutes, String targetText, Long targetMinutes) {
    }


    /** Stages read from the multiline field: the good ones, and a problem per bad line. */
    record Stages(List<StageDraft> stages, List<String> problems) {
    }

    static LoopPart.Reading<Draft> read(View view) {
        Map<String, String> errors = new LinkedHashMap<>();
        String trigger = Forms.text(view, TRIGGER);
        Forms.require(TRIGGER, trigger, errors);
        String stagesText = Forms.text(view, STAGES);
        Forms.require(STAGES, stagesText, errors);
        Stages stages = parseStages(stagesText);
        if (!errors.containsKey(STAGES.id()) && !stages.problems().isEmpty()) {
            errors.put(STAGES.id(), FormLines.message(stages.problems()));
        }
        String notifications = Forms.text(view, NOTIFICATIONS);
        Forms.require(NOTIFICATIONS, notifications, errors);
        String verification = Forms.text(view, VERIFICATION);
        Forms.require(VERIFICATION, verification, errors);
        String rollback = Forms.choice(view, ROLLBACK);
        if (rollback == null || ROLLBACK.choices().stream().noneMatch(c -> c.value().equals(rollback))) {
            errors.put(ROLLBACK.id(), "Choose how a bad release is rolled back.");
        }
        Integer canaryPercent = null;
        Long canaryWatch = null;
        if (CANARY.equals(rollback)) {
            canaryPercent = canaryPercent(Forms.text(view, CANARY_PERCENT), errors);
            canaryWatch = duration(CANARY_WATCH, Forms.text(view, CANARY_WATCH), "How long is the canary watched? e.g. 30 min",
                    errors);
        }
        String targetText = Forms.text(view, TARGET);
        Long target = duration(TARGET, targetText, "How long may a commit take to reach production? e.g. 2 hours", errors);
        if (!errors.isEmpty()) {
            return LoopPart.Reading.invalid(errors);
        }
        return LoopPart.Reading.valid(new Draft(trigger, stages.stages(), notifications, verification, rollback,
                canaryPercent, canaryWatch, targetText, target));
    }

    /** Reads the stage lines; a blank field has no stages and one problem. */
    static Stages parseStages(String text) {
        List<StageDraft> stages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<FormLines.Line> lines = FormLines.split(text);
        if (lines.isEmpty()) {
            return new Stages(stages, List.of("add at least one stage"));
        }
        if (lines.size() > MAX_STAGES) {
            return new Stages(stages, List.of("at most " + MAX_STAGES + " stages, this has " + lines.size()));
        }
        for (FormLines.Line line : lines) {
            parseStage(line).ifPresentOrElse(p -> problems.add(line.problem(p)), () -> stages.add(toStage(line)));
        }
        return new Stages(problems.isEmpty() ? stages : List.of(), problems);
    }

    /** The problem of a stage line, if it has one. */
    private static Optional<String> parseStage(FormLines.Line line) {
        if (line.parts().size() > 5) {
            return Optional.of("a stage has at most five parts: name | what runs | duration | gate | on failure");
        }
        String name = line.part(0);
        if (name.isEmpty()) {
            return Optional.of("the stage needs a name before the first |");
        }
        if (name.length() > MAX_NAME) {
            return Optional.of("the stage name is longer than " + MAX_NAME + " characters");
        }
        if (line.part(1).isEmpty()) {
            return Optional.of("say what runs in “" + name + "” after its name (name | what runs | …)");
        }
        String duration = line.part(2);
        if (!duration.isEmpty() && (duration.length() > MAX_DURATION_TEXT || DurationParser.parse(duration).isEmpty())) {
            return Optional.of("“" + SlackText.truncate(duration, 40) + "” is not a duration (try 5 min, 1 h or 2 days)");
        }
        String onFailure = line.part(4);
        if (!onFailure.isEmpty() && onFailure(onFailure) == null) {
            return Optional.of("on failure must be notify, stop or rollback");
        }
        return Optional.empty();
    }

    private static StageDraft toStage(FormLines.Line line) {
        String duration = FormLines.orNull(line.part(2));
        return new StageDraft(line.part(0), line.part(1), duration,
                duration == null ? null : DurationParser.parse(duration).orElseThrow().toMinutes(),
                FormLines.orNull(line.part(3)), onFailure(line.part(4)));
    }

    /** "Rollback", "roll back", "STOP" → the stored value; null when it is none of the three. */
    static String onFailure(String typed) {
        String key = typed.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        return ON_FAILURE.contains(key) ? key : null;
    }

    /** The stages as lines of the stages field, in the format the field asks for. */
    static String renderStages(List<PipelineStage> stages) {
        return FormLines.render(stages.stream().map(s -> java.util.Arrays.asList(s.name(), s.whatRuns(), s.durationText(),
                s.gate(), s.onFailure())).toList(), STAGES.maxLength());
    }

    /** The field values that show a saved pipeline (or a new one) in the modal. */
    static Map<Field, Object> initialValues(Optional<Pipeline> saved, List<PipelineStage> stages) {
        Map<Field, Object> values = new LinkedHashMap<>();
        saved.ifPresent(p -> {
            values.put(TRIGGER, p.triggerText());
            values.put(STAGES, renderStages(stages));
            values.put(NOTIFICATIONS, p.notifications());
            values.put(VERIFICATION, p.verification());
            values.put(ROLLBACK, p.rollbackStrategy());
            values.put(CANARY_PERCENT, p.canaryPercent() == null ? null : p.canaryPercent().toString());
            values.put(CANARY_WATCH, p.canaryWatchMinutes() == null ? null
                    : DurationParser.format(Duration.ofMinutes(p.canaryWatchMinutes())));
            values.put(TARGET, p.targetText());
        });
        return values;
    }

    private static Integer canaryPercent(String typed, Map<String, String> errors) {
        if (typed == null) {
            errors.put(CANARY_PERCENT.id(), "A canary needs its share of traffic: a number from 1 to 100.");
            return null;
        }
        Matcher m = PERCENT.matcher(typed);
        int percent = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (percent < 1 || percent > 100) {
            errors.put(CANARY_PERCENT.id(), "The canary's share of traffic is a whole number from 1 to 100.");
            return null;
        }
        return percent;
    }

    private static Long duration(Field field, String typed, String whenMissing, Map<String, String> errors) {
        if (typed == null) {
            errors.put(field.id(), whenMissing);
            return null;
        }
        Optional<Duration> d = typed.length() > field.maxLength() ? Optional.empty() : DurationParser.parse(typed);
        if (d.isEmpty()) {
            errors.put(field.id(), "“" + SlackText.truncate(typed, 40)
                    + "” is not a duration: try 45 min, 2 h or 1 day.");
            return null;
        }
        return d.get().toMinutes();
    }
}
