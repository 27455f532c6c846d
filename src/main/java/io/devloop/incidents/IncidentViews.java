package io.devloop.incidents;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import io.devloop.slack.SlackText;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** Block Kit for incidents: the card, its thread replies, the summary and the list. */
public final class IncidentViews {
    public static final String ACK_ACTION = "incident.ack";
    public static final String UPDATE_ACTION = "incident.update";
    public static final String MITIGATED_ACTION = "incident.mitigated";
    public static final String RESOLVED_ACTION = "incident.resolved";
    public static final String ROLLBACK_ACTION = "incident.rollback";
    public static final String SEVERITY_ACTION = "incident.severity";
    public static final String LEARNING_ACTION = "incident.learning";
    public static final String SNOOZE_ACTION = "incident.snooze";
    /** Opens the declare modal from elsewhere (an alert message, the home tab); value = JSON pre-fill or {}. */
    public static final String DECLARE_OPEN_ACTION = "incident_declare_open";
    /** Opens the rollback modal from elsewhere (an alert message); value = the service. */
    public static final String ROLLBACK_OPEN_ACTION = "rollback_open";
    static final int TIMELINE_LIMIT = 40; // a summary is one message: 50 blocks at most

    /** A message: its notification text and blocks. */
    public record Card(String text, List<LayoutBlock> blocks) {
    }

    private IncidentViews() {
    }

    public static Card card(Incident i, boolean learned) {
        Severity sev = i.severityValue();
        IncidentStatus status = i.statusValue();
        String title = SlackText.escape(i.title());
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(SlackText.truncate(sev.emoji() + " " + i.displayId() + " · " + i.title(), 150), true))));
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Severity*\n" + sev.label() + " — " + sev.meaning()));
        fields.add(markdownText("*Status*\n" + status.emoji() + " " + status.label()));
        fields.add(markdownText("*Service*\n" + (i.service() == null ? "_not set_" : SlackText.escape(SlackText.truncate(i.service(), 100)))));
        fields.add(markdownText("*Commander*\n" + (i.commanderId() == null ? "_none yet: acknowledge to take it_" : "<@" + i.commanderId() + ">")));
        fields.add(markdownText("*Started*\n" + SlackText.date(i.startedAt(), SlackText.DATE_TIME)));
        fields.add(markdownText("*Declared*\n" + SlackText.date(i.declaredAt(), SlackText.DATE_TIME) + " by " + who(i.declaredBy())));
        if (i.acknowledgedAt() != null) {
            fields.add(markdownText("*Acknowledged*\n" + SlackText.date(i.acknowledgedAt(), SlackText.DATE_TIME)));
        }
        if (i.mitigatedAt() != null) {
            fields.add(markdownText("*Mitigated*\n" + SlackText.date(i.mitigatedAt(), SlackText.DATE_TIME)));
        }
        if (i.resolvedAt() != null) {
            fields.add(markdownText("*Resolved*\n" + SlackText.date(i.resolvedAt(), SlackText.DATE_TIME)));
        }
        blocks.add(section(s -> s.fields(fields)));
        if (i.description() != null) {
            blocks.add(section(s -> s.text(markdownText(SlackText.truncate(SlackText.escape(i.description()), 2900)))));
        }
        if (i.isResolved()) {
            blocks.add(section(s -> s.text(markdownText(times(i)))));
        }
        blocks.add(actions(a -> a.blockId("incident_actions").elements(buttons(i, learned))));
        blocks.add(context(c -> c.elements(List.of(markdownText("Timeline in the thread · `/devloop incident "
                + i.displayId() + "` for a summary" + (learned ? " · 📝 learning log written" : ""))))));
        String text = sev.emoji() + " " + i.displayId() + " " + sev.label() + " " + status.label().toLowerCase() + ": " + title;
        return new Card(SlackText.truncate(text, 300), blocks);
    }

    private static List<BlockElement> buttons(Incident i, boolean learned) {
        String id = Long.toString(i.id());
        List<BlockElement> b = new ArrayList<>();
        if (i.isResolved()) {
            b.add(button(x -> x.actionId(LEARNING_ACTION).value(id).style("primary")
                    .text(plainText(learned ? "📝 Edit learning log" : "📝 Write learning log"))));
            return b;
        }
        if (i.acknowledgedAt() == null) {
            b.add(button(x -> x.actionId(ACK_ACTION).value(id).style("primary").text(plainText("Acknowledge"))));
        }
        b.add(button(x -> x.actionId(UPDATE_ACTION).value(id).text(plainText("Update"))));
        if (i.statusValue().canMoveTo(IncidentStatus.MITIGATED)) {
            b.add(button(x -> x.actionId(MITIGATED_ACTION).value(id).text(plainText("Mitigated"))));
        }
        b.add(button(x -> x.actionId(RESOLVED_ACTION).value(id).style("primary").text(plainText("Resolved"))));
        b.add(button(x -> x.actionId(ROLLBACK_ACTION).value(id).style("danger").text(plainText("Roll back"))));
        b.add(button(x -> x.actionId(SEVERITY_ACTION).value(id).text(plainText("Change severity"))));
        return b;
    }

    /** MTTD, MTTA and MTTR of a resolved incident, the first and last against their targets. */
    static String times(Incident i) {
        StringBuilder s = new StringBuilder("*Response times*\n");
        s.append(measure("Time to detect", i.mttd(), Incident.MTTD_TARGET)).append("\n");
        s.append(measure("Time to acknowledge", i.mtta(), null)).append("\n");
        s.append(measure("Time to resolve", i.mttr(), Incident.MTTR_TARGET));
        return s.toString();
    }

    private static String measure(String label, Optional<Duration> value, Duration target) {
        if (value.isEmpty()) {
            return "• " + label + ": _not acknowledged_";
        }
        String line = "• " + label + ": *" + SlackText.duration(value.get()) + "*";
        if (target == null) {
            return line;
        }
        boolean met = value.get().compareTo(target) < 0;
        return line + (met ? " ✅" : " ⚠️") + " (target < " + SlackText.duration(target) + ")";
    }

    static String declaredLine(Incident i) {
        return i.severityValue().emoji() + " " + who(i.declaredBy()) + " declared " + i.displayId() + " ("
                + i.severityValue().label() + (i.service() == null ? "" : ", " + SlackText.escape(i.service())) + "): "
                + SlackText.escape(i.title());
    }

    /** A timeline entry as its thread reply: the time in every reader's own zone, then what happened. */
    static String timelineReply(String text, Instant at) {
        return SlackText.truncate(SlackText.date(at, "{time}") + " · " + text, 3000);
    }

    static Card learningRequest(Incident i) {
        String text = "✅ " + i.displayId() + " is resolved. Capture what the team learned while it is fresh.";
        return new Card(text, List.of(
                section(s -> s.text(markdownText("✅ *" + i.displayId() + " · " + SlackText.escape(SlackText.truncate(i.title(), 150))
                        + "* is resolved.\nWrite the learning log while it is fresh: root cause, resolution, prevention actions"
                        + " (each can become a DO-task) and lessons learned."))),
                actions(a -> a.elements(List.of(button(b -> b.actionId(LEARNING_ACTION).value(Long.toString(i.id()))
                        .style("primary").text(plainText("📝 Write learning log"))))))));
    }

    static Card resolveOffer(Incident i) {
        String text = "The alert behind " + i.displayId() + " has resolved. Resolve the incident too?";
        return new Card(text, List.of(section(s -> s.text(markdownText(text))),
                actions(a -> a.elements(List.of(button(b -> b.actionId(RESOLVED_ACTION).value(Long.toString(i.id()))
                        .style("primary").text(plainText("Resolve " + i.displayId()))))))));
    }

    static Card updateReminder(Incident i, Instant now) {
        String who = i.owner().map(u -> "<@" + u + ">").orElse("Team");
        String since = SlackText.duration(Duration.between(i.lastUpdateAt(), now));
        String text = "⏰ " + who + ", " + i.displayId() + " has had no status update for " + since + ". Post one with *Update* on the card.";
        return new Card(text, List.of(
                section(s -> s.text(markdownText(text))),
                actions(a -> a.elements(List.of(
                        button(b -> b.actionId(UPDATE_ACTION).value(Long.toString(i.id())).style("primary").text(plainText("Post update"))),
                        button(b -> b.actionId(SNOOZE_ACTION).value(Long.toString(i.id())).text(plainText("Snooze 15 min"))))))));
    }

    static String taskTitle(Incident i, String action) {
        return SlackText.truncate(action + " (" + i.displayId() + ")", 300);
    }

    /** `/devloop incident INC-4`: the card's facts, the timeline and the learning log. */
    static List<LayoutBlock> summary(Incident i, List<TimelineEntry> timeline, Optional<Learning> learning) {
        List<LayoutBlock> blocks = new ArrayList<>(card(i, learning.isPresent()).blocks());
        blocks.removeIf(b -> b instanceof com.slack.api.model.block.ActionsBlock || b instanceof com.slack.api.model.block.ContextBlock);
        blocks.add(divider());
        StringBuilder lines = new StringBuilder("*Timeline*\n");
        int shown = 0;
        for (TimelineEntry e : timeline) {
            String line = SlackText.date(e.at(), SlackText.DATE_TIME) + " · " + e.text() + "\n";
            if (shown == TIMELINE_LIMIT || lines.length() + line.length() > 2800) {
                lines.append("_+").append(timeline.size() - shown).append(" more in the card's thread_");
                break;
            }
            lines.append(line);
            shown++;
        }
        String timelineText = lines.toString();
        blocks.add(section(s -> s.text(markdownText(timelineText))));
        blocks.add(section(s -> s.text(markdownText(learning.map(IncidentViews::learningText)
                .orElse(i.isResolved() ? "*Learning log*\n_not written yet: use the button on the card_" : "*Learning log*\n_after it is resolved_")))));
        return blocks;
    }

    private static String learningText(Learning l) {
        StringBuilder s = new StringBuilder("*Learning log* (by <@" + l.submittedBy() + ">)\n");
        s.append("*Root cause:* ").append(SlackText.escape(l.rootCause())).append("\n");
        s.append("*Resolution:* ").append(SlackText.escape(l.resolution())).append("\n");
        if (!l.actions().isEmpty()) {
            s.append("*Prevention:*\n");
            l.actions().forEach(a -> s.append("• ").append(SlackText.escape(a)).append("\n"));
        }
        if (l.lessons() != null) {
            s.append("*Lessons:* ").append(SlackText.escape(l.lessons()));
        }
        return SlackText.truncate(s.toString(), 3000);
    }

    /** `/devloop incidents`: open ones first (most severe first), then the recently resolved with their learning-log status. */
    static List<LayoutBlock> list(IncidentService.Listing listing) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Incidents"))));
        blocks.add(section(s -> s.text(markdownText(listing.open().isEmpty() ? "*Open*\n_No open incidents._ 🎉"
                : "*Open*\n" + lines(listing.open(), Set.of(), false)))));
        if (!listing.recent().isEmpty()) {
            blocks.add(section(s -> s.text(markdownText("*Resolved in the last 30 days*\n"
                    + lines(listing.recent(), listing.learned(), true)))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("`/devloop incident INC-n` for a timeline · "
                + "`/devloop incident [sev1-4] [service] <title>` to declare one")))));
        return blocks;
    }

    private static String lines(List<Incident> incidents, Set<Long> learned, boolean resolved) {
        StringBuilder s = new StringBuilder();
        int shown = 0;
        for (Incident i : incidents) {
            String line = i.severityValue().emoji() + " *" + i.displayId() + "* " + SlackText.escape(SlackText.truncate(i.title(), 80))
                    + (i.service() == null ? "" : " · " + SlackText.escape(i.service()))
                    + (resolved ? " · resolved " + SlackText.date(i.resolvedAt(), "{date_short_pretty}") + " · "
                            + (learned.contains(i.id()) ? "📝 learning log ✓" : "📝 learning log missing")
                            : " · " + i.statusValue().emoji() + " " + i.statusValue().label().toLowerCase()
                            + (i.commanderId() == null ? " · no commander" : " · <@" + i.commanderId() + ">"))
                    + "\n";
            if (s.length() + line.length() > 2800) {
                s.append("_+").append(incidents.size() - shown).append(" more_");
                break;
            }
            s.append(line);
            shown++;
        }
        return s.toString();
    }

    static String who(String userOrAlertmanager) {
        return Incident.ALERTMANAGER.equals(userOrAlertmanager) ? "Alertmanager" : "<@" + userOrAlertmanager + ">";
    }

}
