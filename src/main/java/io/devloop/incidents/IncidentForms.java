package io.devloop.incidents;

import io.devloop.slack.Forms;
import io.devloop.slack.Forms.Choice;
import io.devloop.slack.Forms.Field;

import java.util.Arrays;
import java.util.List;

/** The fields of the incident modals: declare, status update, severity, learning log, rollback. */
final class IncidentForms {
    static final int TITLE_MAX = 150; // a header block's limit: the card leads with it
    static final int NOTE_MAX = 2900;
    static final List<Choice> SEVERITIES = Arrays.stream(Severity.values())
            .map(s -> new Choice(s.label(), s.emoji() + " " + s.label() + " — " + s.meaning())).toList();

    // declare
    static final Field TITLE = Field.text("incident_title", "What is happening?", TITLE_MAX, false,
            "Checkout returns 500 for card payments", null);
    static final Field SERVICE = Field.text("incident_service", "Service", 100, true, "checkout",
            "The service as your alerts and deployments name it.");
    static final Field SEVERITY = Field.radio("incident_severity", "Severity", false, SEVERITIES, null);
    static final Field DESCRIPTION = Field.multiline("incident_description", "Impact and what is known", NOTE_MAX, true,
            "Who is affected, since when, what changed", null);
    static final Field COMMANDER = Field.user("incident_commander", "Incident commander", true,
            "Leave empty: whoever acknowledges first becomes commander.");
    static final Field STARTED_DATE = Field.date("incident_started_date", "Started on", true,
            "Leave both empty if it started just now. The date defaults to today.");
    static final Field STARTED_TIME = Field.time("incident_started_time", "Started at (your time)", true, null);

    // status update
    static final Field NOTE = Field.multiline("incident_note", "Status update", NOTE_MAX, false,
            "What we know, what we are doing, next update in …", null);
    static final String KEEP_STATUS = "keep";
    static final Field CAUSE_FOUND = Field.radio("incident_cause", "Cause", false, List.of(
            new Choice(KEEP_STATUS, "Still investigating"),
            new Choice(IncidentStatus.IDENTIFIED.key(), "🎯 Cause identified")), null);

    // learning log
    static final Field ROOT_CAUSE = Field.multiline("learning_root_cause", "Root cause", NOTE_MAX, false, null, null);
    static final Field RESOLUTION = Field.multiline("learning_resolution", "Resolution", NOTE_MAX, false,
            "What fixed it", null);
    static final Field PREVENTION = Field.multiline("learning_prevention", "Prevention actions", NOTE_MAX, true,
            "One action per line", null);
    static final String MAKE_TASKS = "tasks";
    static final Field AS_TASKS = Field.radio("learning_as_tasks", "Track prevention actions", false, List.of(
            new Choice(MAKE_TASKS, "Make each action a DO-task (assigned to the commander)"),
            new Choice("none", "Just record them")), null);
    static final Field LESSONS = Field.multiline("learning_lessons", "Lessons learned", NOTE_MAX, true,
            "What went well, what was hard, what surprised us", null);

    // rollback
    static final Field RB_SERVICE = Field.text("rollback_service", "Service", 100, false, "payments", null);
    static final Field RB_VERSION = Field.text("rollback_version", "Roll back to version", 100, true, "v1.4.2",
            "A tag, version or commit sha.");
    static final Field RB_REASON = Field.multiline("rollback_reason", "Reason", 1000, true, "Error rate 5% since the deploy", null);

    private IncidentForms() {
    }

    static void requireAll(java.util.Map<String, String> errors, Object... fieldThenValue) {
        for (int i = 0; i < fieldThenValue.length; i += 2) {
            Forms.require((Field) fieldThenValue[i], (String) fieldThenValue[i + 1], errors);
        }
    }
}
