package io.devloop.alerts;

import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.SlackText;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** Block Kit of alert messages (one per fingerprint), group messages of alert storms, and the silence-note modal. */
final class AlertViews {
    static final String ACK_ACTION = "alert.ack";
    static final String SILENCE_ACTION = "alert.silence";
    static final String SILENCE_CALLBACK = "alert.silence";
    /** Handled by the incidents domain: value = JSON {severity, service, title, startedAt}. */
    static final String DECLARE_ACTION = "incident_declare_open";
    /** Handled by the incidents domain (the rollback flow): value = the service. */
    static final String ROLLBACK_ACTION = "rollback_open";
    /** Lines a group message lists before "+N more". */
    static final int STORM_LIST_LIMIT = 20;
    static final int TITLE_LIMIT = 200;
    static final Forms.Field NOTE = Forms.Field.multiline("note", "Silence note", 500, false,
            "e.g. Silenced for 2 h in Alertmanager while the DB migration runs",
            "Shown on the alert message for everyone in the channel. devloop does not create the silence itself.");

    private AlertViews() {
    }

    /** The message's fallback text (notifications, screen readers). */
    static String text(Alert a) {
        return (a.firing() ? "[FIRING] " : "[RESOLVED] ") + a.alertName() + (a.service() == null ? "" : " on " + a.service())
                + (a.summary() == null ? "" : ": " + a.summary());
    }

    static List<LayoutBlock> message(Alert a) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String head = (a.firing() ? ":red_circle: *[FIRING] " : ":white_check_mark: *[RESOLVED] ")
                + SlackText.escape(SlackText.truncate(a.alertName(), TITLE_LIMIT)) + "*"
                + (a.service() == null ? "" : " · " + SlackText.escape(SlackText.truncate(a.service(), 100)))
                + (a.severity() == null ? "" : " · " + SlackText.escape(SlackText.truncate(a.severity(), 50)))
                + (a.incidentRef() == null ? "" : " · *" + SlackText.escape(a.incidentRef()) + "*");
        String summary = a.summary() == null ? "" : "\n" + SlackText.escape(a.summary());
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(head + summary, 3000)))));
        List<String> facts = new ArrayList<>();
        facts.add("Started " + SlackText.date(a.startsAt(), SlackText.DATE_TIME));
        if (!a.firing()) {
            facts.add(a.endsAt() == null ? "Resolved" : "Resolved after " + SlackText.duration(a.duration()));
        }
        if (a.generatorUrl() != null) {
            facts.add(link(a.generatorUrl(), "Source"));
        }
        if (a.runbookUrl() != null) {
            facts.add(link(a.runbookUrl(), "Runbook"));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate(String.join(" · ", facts), 3000))))));
        if (a.breach() != null) {
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate(":rewind: *Rollback criterion breached:* "
                    + SlackText.escape(a.breach()), 3000)))));
        }
        if (a.incidentRef() != null && !a.firing()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate("The alert resolved; "
                    + SlackText.escape(a.incidentRef()) + " is still open until someone resolves it: `/devloop incident "
                    + SlackText.escape(a.incidentRef()) + "`", 3000))))));
        }
        if (a.ackedBy() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":eyes: Acknowledged by <@" + a.ackedBy() + "> "
                    + SlackText.date(a.ackedAt(), SlackText.DATE_TIME))))));
        }
        if (a.silenceNote() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate(":mute: Silence note by <@"
                    + a.silenceBy() + ">: " + SlackText.escape(a.silenceNote()), 3000))))));
        }
        if (a.firing()) {
            blocks.add(actions(x -> x.blockId("alert." + a.id()).elements(buttons(a))));
        }
        return blocks;
    }

    private static List<BlockElement> buttons(Alert a) {
        String id = Long.toString(a.id());
        List<BlockElement> buttons = new ArrayList<>();
        if (a.ackedBy() == null) {
            buttons.add(button(b -> b.actionId(ACK_ACTION).text(plainText("Acknowledge")).value(id).style("primary")));
        }
        buttons.add(button(b -> b.actionId(SILENCE_ACTION).text(plainText("Silence note")).value(id)));
        if (a.incidentRef() == null) {
            buttons.add(button(b -> b.actionId(DECLARE_ACTION).text(plainText("Declare incident")).value(declareValue(a))));
        }
        if (a.breach() != null && a.service() != null) {
            buttons.add(button(b -> b.actionId(ROLLBACK_ACTION).text(plainText("Roll back")).value(
                    SlackText.truncate(a.service(), 2000)).style("danger")));
        }
        return buttons;
    }

    /** What the Declare incident form starts from; the title is trimmed so the value stays within 2000 chars. */
    static String declareValue(Alert a) {
        JsonObject o = new JsonObject();
        o.addProperty("severity", a.incidentSeverity() > 0 ? a.incidentSeverity() : 3);
        if (a.service() != null) {
            o.addProperty("service", SlackText.truncate(a.service(), 200));
        }
        String title = a.alertName() + (a.summary() == null ? "" : ": " + a.summary());
        o.addProperty("title", SlackText.truncate(title, TITLE_LIMIT));
        o.addProperty("startedAt", a.startsAt().toString());
        o.addProperty("alert", a.id()); // so the incident declared from it covers the alert's group
        return o.toString();
    }

    static String stormText(List<Alert> alerts, int truncated) {
        long firing = alerts.stream().filter(Alert::firing).count();
        String name = alerts.isEmpty() ? "alerts" : alerts.get(0).alertName();
        return "Alert storm: " + (alerts.size() + truncated) + " more " + name + " alerts (" + firing + " firing)";
    }

    /**
     * The group message of a storm: the alerts beyond the first ten, firing first, then "+N more" for the ones not
     * listed and those Alertmanager left out of its notifications (truncatedAlerts).
     */
    static List<LayoutBlock> storm(List<Alert> alerts, int truncated, String externalUrl) {
        long firing = alerts.stream().filter(Alert::firing).count();
        Alert first = alerts.isEmpty() ? null : alerts.get(0);
        String head = (firing > 0 ? ":rotating_light: *Alert storm" : ":white_check_mark: *Alert storm over")
                + (first == null ? "" : ": " + SlackText.escape(SlackText.truncate(first.alertName(), TITLE_LIMIT)))
                + "*" + (first == null || first.service() == null ? "" : " · " + SlackText.escape(SlackText.truncate(first.service(), 100)))
                + "\nMore than 10 alerts of this group fired at once: the first 10 have their own messages, the rest are"
                + " listed here. " + firing + " firing, " + (alerts.size() - firing) + " resolved.";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(SlackText.truncate(head, 3000)))));
        StringBuilder lines = new StringBuilder();
        int shown = 0;
        for (Alert a : alerts) {
            if (shown == STORM_LIST_LIMIT) {
                break;
            }
            String line = (a.firing() ? ":red_circle: " : ":white_check_mark: ") + SlackText.escape(SlackText.truncate(
                    label(a), 130)) + "\n";
            if (lines.length() + line.length() > 2900) {
                break;
            }
            lines.append(line);
            shown++;
        }
        if (lines.length() > 0) {
            blocks.add(section(s -> s.text(markdownText(lines.toString()))));
        }
        int more = alerts.size() - shown + truncated;
        if (more > 0) {
            String rest = "+" + more + " more" + (truncated > 0 ? " (" + truncated + " not sent by Alertmanager)" : "")
                    + (externalUrl == null ? "" : " · " + link(externalUrl, "see them all in Alertmanager"));
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate(rest, 3000))))));
        }
        return blocks;
    }

    private static String label(Alert a) {
        String who = a.summary() != null ? a.summary() : a.alertName() + " " + a.fingerprint();
        return a.firing() ? who : who + " (resolved after " + (a.duration() == null ? "?" : SlackText.duration(a.duration())) + ")";
    }

    static View silenceModal(Alert a) {
        return view(v -> v.type("modal")
                .callbackId(SILENCE_CALLBACK)
                .privateMetadata(Long.toString(a.id()))
                .title(viewTitle(t -> t.type("plain_text").text("Silence note")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Save")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(List.of(
                        section(s -> s.text(markdownText(SlackText.truncate("*" + SlackText.escape(a.alertName()) + "*"
                                + (a.summary() == null ? "" : "\n" + SlackText.escape(a.summary())), 3000)))),
                        Forms.block(NOTE, a.silenceNote()))));
    }

    /** A mrkdwn link; the URL must not break out of its angle brackets. */
    static String link(String url, String label) {
        String safe = url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace(" ", "%20");
        return "<" + SlackText.truncate(safe, 2900) + "|" + label + ">";
    }
}
