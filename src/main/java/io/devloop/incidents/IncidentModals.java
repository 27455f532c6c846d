package io.devloop.incidents;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.SlackText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** The incident modals. Their private_metadata carries what the submission needs: a channel, an incident id. */
final class IncidentModals {
    static final String DECLARE_CALLBACK = "incident.declare";
    static final String UPDATE_CALLBACK = "incident.update";
    static final String SEVERITY_CALLBACK = "incident.severity";
    static final String LEARNING_CALLBACK = "incident.learning";
    static final String ROLLBACK_CALLBACK = "rollback.start";

    private IncidentModals() {
    }

    /** What the declare modal is opened with; {@code startedAt} (from an alert) travels in its metadata. */
    record DeclarePrefill(String channelId, String title, String service, Severity severity, Instant startedAt, Long alertId) {
        DeclarePrefill(String channelId, String title, String service, Severity severity, Instant startedAt) {
            this(channelId, title, service, severity, startedAt, null);
        }

        String metadata() {
            JsonObject o = new JsonObject();
            o.addProperty("channel", channelId);
            if (startedAt != null) {
                o.addProperty("startedAt", startedAt.toString());
            }
            if (alertId != null) {
                o.addProperty("alert", alertId);
            }
            return o.toString();
        }

        static DeclarePrefill fromMetadata(String json) {
            try {
                JsonObject o = JsonParser.parseString(json).getAsJsonObject();
                return new DeclarePrefill(o.has("channel") ? o.get("channel").getAsString() : null, null, null, null,
                        o.has("startedAt") ? Instant.parse(o.get("startedAt").getAsString()) : null,
                        o.has("alert") ? o.get("alert").getAsLong() : null);
            } catch (RuntimeException e) {
                return new DeclarePrefill(null, null, null, null, null);
            }
        }
    }

    /** Where the card goes, asked only when the form was opened outside a channel (the App Home). */
    static final String CHANNEL = "incident_channel";

    static View declare(DeclarePrefill p) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (p.channelId() == null) {
            blocks.add(com.slack.api.model.block.Blocks.input(i -> i.blockId(CHANNEL)
                    .label(com.slack.api.model.block.composition.BlockCompositions.plainText("Channel for the incident card"))
                    .element(com.slack.api.model.block.element.BlockElements.conversationsSelect(c -> c.actionId(CHANNEL)
                            .placeholder(com.slack.api.model.block.composition.BlockCompositions.plainText("Pick a channel"))))));
        }
        blocks.add(Forms.block(IncidentForms.TITLE, p.title()));
        blocks.add(Forms.block(IncidentForms.SEVERITY, (p.severity() == null ? Severity.DEFAULT : p.severity()).label()));
        blocks.add(Forms.block(IncidentForms.SERVICE, p.service()));
        blocks.add(Forms.block(IncidentForms.DESCRIPTION, null));
        blocks.add(Forms.block(IncidentForms.COMMANDER, null));
        if (p.startedAt() == null) {
            blocks.add(Forms.block(IncidentForms.STARTED_DATE, null));
            blocks.add(Forms.block(IncidentForms.STARTED_TIME, null));
        } else {
            blocks.add(context(c -> c.elements(List.of(markdownText("Started " + SlackText.date(p.startedAt(), SlackText.DATE_TIME)
                    + " (when the alert fired)")))));
        }
        return modal(DECLARE_CALLBACK, p.metadata(), "Declare an incident", "Declare", blocks);
    }

    static View update(Incident i) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + i.displayId() + "* · " + SlackText.escape(SlackText.truncate(i.title(), 150))
                + "\n" + i.statusValue().emoji() + " " + i.statusValue().label()))));
        blocks.add(Forms.block(IncidentForms.NOTE, null));
        if (i.statusValue() == IncidentStatus.INVESTIGATING) {
            blocks.add(Forms.block(IncidentForms.CAUSE_FOUND, IncidentForms.KEEP_STATUS));
        }
        return modal(UPDATE_CALLBACK, Long.toString(i.id()), "Status update", "Post", blocks);
    }

    static View severity(Incident i) {
        return modal(SEVERITY_CALLBACK, Long.toString(i.id()), "Change severity", "Change", List.of(
                section(s -> s.text(markdownText("*" + i.displayId() + "* is " + i.severityValue().label() + " — "
                        + i.severityValue().meaning()))),
                Forms.block(IncidentForms.SEVERITY, i.severityValue().label())));
    }

    static View learning(Incident i, Learning existing) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + i.displayId() + "* · " + SlackText.escape(SlackText.truncate(i.title(), 150))))));
        blocks.add(Forms.block(IncidentForms.ROOT_CAUSE, existing == null ? null : existing.rootCause()));
        blocks.add(Forms.block(IncidentForms.RESOLUTION, existing == null ? null : existing.resolution()));
        blocks.add(Forms.block(IncidentForms.PREVENTION, existing == null ? null : existing.prevention()));
        blocks.add(Forms.block(IncidentForms.AS_TASKS, existing == null ? IncidentForms.MAKE_TASKS : "none"));
        blocks.add(Forms.block(IncidentForms.LESSONS, existing == null ? null : existing.lessons()));
        return modal(LEARNING_CALLBACK, Long.toString(i.id()), "Learning log", "Save", blocks);
    }

    /** The rollback form; its metadata is {@code channel|incidentId} (the incident part empty when there is none). */
    static View rollback(String channelId, Long incidentId, String service) {
        return modal(ROLLBACK_CALLBACK, channelId + "|" + (incidentId == null ? "" : incidentId), "Roll back", "Start rollback",
                List.of(Forms.block(IncidentForms.RB_SERVICE, service), Forms.block(IncidentForms.RB_VERSION, null),
                        Forms.block(IncidentForms.RB_REASON, null)));
    }

    private static View modal(String callbackId, String metadata, String title, String submit, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal").callbackId(callbackId).privateMetadata(metadata)
                .title(viewTitle(t -> t.type("plain_text").text(title)))
                .submit(viewSubmit(t -> t.type("plain_text").text(submit)))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }
}
