package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.Forms.Field;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The phase modal's fields, in one place: the modal's inputs and the reading of its submission come from here. */
record PhaseForm(String whatHappens, String roles, List<String> owners, String tools, String duration,
                 String deliverable, String automation) {

    static final Field WHAT = Field.multiline("what", "What happens", 3000, false,
            "The activities of this phase for this feature", null);
    static final Field ROLES = Field.text("roles", "Who is involved (roles)", 500, true,
            "e.g. Developers, QA, product owner", null);
    static final Field OWNERS = Field.users("owners", "Owners", true, "The people who make sure this phase happens");
    static final Field TOOLS = Field.text("tools", "Tools used", 500, true, "e.g. GitHub Actions, Docker, SonarQube", null);
    static final Field DURATION = Field.text("duration", "Duration", 100, true, "e.g. 30 min, 2 hours, 1 day",
            "How long this phase takes for this feature");
    static final Field DELIVERABLE = Field.text("deliverable", "Deliverable", 500, true,
            "What this phase hands to the next one", null);
    static final Field AUTOMATION = Field.multiline("automation", "Automation opportunities", 2000, true,
            "What could run without a person", null);

    static PhaseForm from(View view) {
        return new PhaseForm(Forms.text(view, WHAT), Forms.text(view, ROLES), Forms.users(view, OWNERS),
                Forms.text(view, TOOLS), Forms.text(view, DURATION), Forms.text(view, DELIVERABLE),
                Forms.text(view, AUTOMATION));
    }

    /** Inline errors by field id; empty when the form can be saved. */
    Map<String, String> validate() {
        Map<String, String> errors = new LinkedHashMap<>();
        Forms.require(WHAT, whatHappens, errors);
        Forms.require(ROLES, roles, errors);
        Forms.require(TOOLS, tools, errors);
        Forms.require(DURATION, duration, errors);
        Forms.require(DELIVERABLE, deliverable, errors);
        Forms.require(AUTOMATION, automation, errors);
        if (duration != null && !errors.containsKey(DURATION.id()) && parsedDuration().isEmpty()) {
            errors.put(DURATION.id(), "I can't read “" + duration + "” as a duration. Try 30 min, 2 hours, 1.5 days or 1 week.");
        }
        return errors;
    }

    Optional<Duration> parsedDuration() {
        return DurationParser.parse(duration);
    }

    PhaseAnswer toAnswer(String teamId, long loopId, Phase phase, String editor, Instant now) {
        return new PhaseAnswer(teamId, loopId, phase.key(), whatHappens, roles, owners.isEmpty() ? null : String.join(",", owners),
                tools, duration, parsedDuration().map(Duration::toMinutes).orElse(null), deliverable, automation, editor, now);
    }

    /** The modal's input blocks, pre-filled with the saved answer if there is one. */
    static List<LayoutBlock> inputs(PhaseAnswer saved) {
        boolean has = saved != null;
        return List.of(
                Forms.block(WHAT, has ? saved.whatHappens() : null),
                Forms.block(ROLES, has ? saved.roles() : null),
                Forms.block(OWNERS, has ? saved.ownerIds() : List.of()),
                Forms.block(TOOLS, has ? saved.tools() : null),
                Forms.block(DURATION, has ? saved.durationText() : null),
                Forms.block(DELIVERABLE, has ? saved.deliverable() : null),
                Forms.block(AUTOMATION, has ? saved.automation() : null));
    }
}
