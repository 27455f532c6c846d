package io.devloop.incidents;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import io.devloop.slack.SlackText;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** The rollback notification: 🔄 started with Completed / Failed buttons, then ✅ or ❌ with its duration. */
final class RollbackViews {
    static final String COMPLETED_ACTION = "rollback.completed";
    static final String FAILED_ACTION = "rollback.failed";

    private RollbackViews() {
    }

    static IncidentViews.Card notification(Rollback r, Optional<Incident> incident) {
        String headline = headline(r);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline))));
        List<TextObject> fields = new ArrayList<>();
        fields.add(markdownText("*Service*\n" + SlackText.truncate(SlackText.escape(r.service()), 300)));
        fields.add(markdownText("*Version*\n" + (r.fromVersion() == null ? "" : "`" + SlackText.escape(r.fromVersion()) + "` → ")
                + (r.toVersion() == null ? "_previous release_" : "`" + SlackText.escape(r.toVersion()) + "`")));
        fields.add(markdownText("*Started*\n" + SlackText.date(r.startedAt(), SlackText.DATE_TIME) + " by <@" + r.requestedBy() + ">"));
        incident.ifPresent(i -> fields.add(markdownText("*Incident*\n" + i.displayId() + " · "
                + SlackText.escape(SlackText.truncate(i.title(), 80)))));
        if (r.reason() != null) {
            fields.add(markdownText("*Reason*\n" + SlackText.truncate(SlackText.escape(r.reason()), 1500)));
        }
        blocks.add(section(s -> s.fields(fields)));
        if (!r.isFinished()) {
            String id = Long.toString(r.id());
            blocks.add(actions(a -> a.blockId("rollback_actions").elements(List.of(
                    button(b -> b.actionId(COMPLETED_ACTION).value(id).style("primary").text(plainText("✅ Completed"))),
                    button(b -> b.actionId(FAILED_ACTION).value(id).style("danger").text(plainText("❌ Failed")))))));
        }
        return new IncidentViews.Card(SlackText.truncate(plain(r), 300), blocks);
    }

    private static String headline(Rollback r) {
        String what = "rollback of *" + SlackText.escape(r.service()) + "*"
                + (r.toVersion() == null ? "" : " to `" + SlackText.escape(r.toVersion()) + "`");
        return switch (r.status()) {
            case Rollback.COMPLETED -> "✅ The " + what + " completed in " + IncidentViews.human(r.duration().orElseThrow())
                    + " (<@" + r.finishedBy() + ">)";
            case Rollback.FAILED -> "❌ The " + what + " failed after " + IncidentViews.human(r.duration().orElseThrow())
                    + " (<@" + r.finishedBy() + ">)";
            default -> "🔄 A " + what + " has started";
        };
    }

    private static String plain(Rollback r) {
        String what = "Rollback of " + r.service() + (r.toVersion() == null ? "" : " to " + r.toVersion());
        return switch (r.status()) {
            case Rollback.COMPLETED -> "✅ " + what + " completed";
            case Rollback.FAILED -> "❌ " + what + " failed";
            default -> "🔄 " + what + " started";
        };
    }

    /** The incident timeline's line for this rollback's current state. */
    static String timelineLine(Rollback r) {
        String what = "rollback of " + SlackText.escape(r.service()) + (r.toVersion() == null ? "" : " to `" + SlackText.escape(r.toVersion()) + "`");
        return switch (r.status()) {
            case Rollback.COMPLETED -> "✅ " + what + " completed in " + IncidentViews.human(r.duration().orElseThrow());
            case Rollback.FAILED -> "❌ " + what + " failed after " + IncidentViews.human(r.duration().orElseThrow());
            default -> "🔄 <@" + r.requestedBy() + "> started a " + what
                    + (r.reason() == null ? "" : ": " + SlackText.escape(SlackText.truncate(r.reason(), 500)));
        };
    }
}
