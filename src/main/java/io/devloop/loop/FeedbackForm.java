package io.devloop.loop;

import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.Forms.Choice;
import io.devloop.slack.Forms.Field;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one place that names the feedback-loop form's fields; the modal ({@link FeedbackViews#form}) and the reading
 * of its submission ({@link #read}) are both built from them.
 */
public final class FeedbackForm {
    public static final int INFORMATION_LIMIT = 1000;
    public static final int CHANNEL_LIMIT = 1000;
    public static final int EXAMPLE_LIMIT = 2000;

    public static final Field FROM = Forms.Field.select("feedback_from", "From phase (where the information starts)",
            false, phaseChoices(), "The later phase that learns something.");
    public static final Field TO = Forms.Field.select("feedback_to", "To phase (where it flows back to)",
            false, phaseChoices(), "An earlier phase, or Plan when Monitor closes the loop.");
    public static final Field INFORMATION = Forms.Field.multiline("feedback_information", "What information flows back",
            INFORMATION_LIMIT, false, "e.g. Compile errors, failing unit tests, lint findings", null);
    public static final Field CHANNEL = Forms.Field.text("feedback_channel", "How it is communicated",
            CHANNEL_LIMIT, false, "e.g. CI status check on the PR + chat notification", null);
    public static final Field SPEED = Forms.Field.radio("feedback_speed", "How fast it arrives", false,
            Arrays.stream(FeedbackService.Speed.values()).map(s -> new Choice(s.value(), s.label())).toList(), null);
    public static final Field EXAMPLE = Forms.Field.multiline("feedback_example", "Example scenario",
            EXAMPLE_LIMIT, true, "A real or likely situation where this feedback changes what the team does",
            "Optional, but the completeness score counts a loop as explained only with an example.");

    /** In the order the modal shows them. */
    public static final List<Field> FIELDS = List.of(FROM, TO, INFORMATION, CHANNEL, SPEED, EXAMPLE);

    private FeedbackForm() {
    }

    public static FeedbackDraft read(View view) {
        return new FeedbackDraft(Forms.choice(view, FROM), Forms.choice(view, TO), Forms.text(view, INFORMATION),
                Forms.text(view, CHANNEL), Forms.choice(view, SPEED), Forms.text(view, EXAMPLE));
    }

    /** The value a field starts with, taken from a draft. */
    static String initial(Field f, FeedbackDraft d) {
        if (f == FROM) return d.fromPhase();
        if (f == TO) return d.toPhase();
        if (f == INFORMATION) return d.information();
        if (f == CHANNEL) return d.channel();
        if (f == SPEED) return d.speed();
        return d.example();
    }

    private static List<Choice> phaseChoices() {
        return Arrays.stream(Phase.values()).map(p -> new Choice(p.key(), (p.ordinal() + 1) + " · " + p.label())).toList();
    }

    /**
     * What the form carries through Slack in {@code private_metadata}: the loop, the list modal underneath (to update
     * it after a save) and the entry being edited (null when adding). Ids only; every use re-checks them by team.
     */
    public record Metadata(long loopId, String listViewId, Long entryId) {
        public String encode() {
            return "loop=" + loopId + ";list=" + (listViewId == null ? "" : listViewId)
                    + ";entry=" + (entryId == null ? "" : entryId);
        }

        public static Optional<Metadata> parse(String s) {
            if (s == null) {
                return Optional.empty();
            }
            String loop = null;
            String list = null;
            String entry = null;
            for (String part : s.split(";")) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String value = part.substring(eq + 1);
                switch (part.substring(0, eq)) {
                    case "loop" -> loop = value;
                    case "list" -> list = value;
                    case "entry" -> entry = value;
                    default -> { }
                }
            }
            try {
                return Optional.of(new Metadata(Long.parseLong(loop), list == null || list.isEmpty() ? null : list,
                        entry == null || entry.isEmpty() ? null : Long.valueOf(entry)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // includes a missing loop id
            }
        }
    }
}
