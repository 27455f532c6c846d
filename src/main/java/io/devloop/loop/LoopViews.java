package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import io.devloop.slack.OutboxMessage;
import io.devloop.slack.SlackText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** Block Kit for loops: the loop card in the channel and the phase modal. Pure functions of records. */
public final class LoopViews {
    /** Action ids start with one prefix per domain (STYLE.md). */
    public static final String OPEN_PHASE_ACTION = "loop.phase.open.";
    public static final String FEEDBACK_ACTION = "loop.feedback.open";
    public static final String PIPELINE_ACTION = "loop.pipeline.open";
    public static final String METRICS_ACTION = "loop.metrics.open";
    public static final String EXPORT_ACTION = "loop.export";
    private static final int SECTION_LIMIT = 3000;
    private static final int FIELD_LIMIT = 2000;
    private static final int STATUS_LIMIT = 20;
    private static final int HEADER_LIMIT = 150;

    private LoopViews() {
    }

    /** Notification and screen-reader text for the card. */
    static String cardText(LoopSnapshot snapshot, Score score) {
        Loop loop = snapshot.loop();
        return "DevOps loop " + loop.displayId() + ": " + loop.feature() + " (" + snapshot.phases().size()
                + " of 8 phases done, completeness " + score.total() + "/100)";
    }

    static List<LayoutBlock> card(LoopSnapshot snapshot, Score score) {
        Loop loop = snapshot.loop();
        List<LayoutBlock> blocks = new ArrayList<>(asBlocks(
                header(h -> h.text(plainText(SlackText.truncate("🔁 " + loop.feature(), HEADER_LIMIT), true))),
                section(s -> s.text(markdownText("*" + loop.displayId() + "* · owner <@" + loop.ownerId() + "> · opened "
                        + slackDate(loop.createdAt())))),
                section(s -> s.fields(phaseFields(snapshot))),
                section(s -> s.text(markdownText(progressLine(snapshot, score))))));
        if (!score.missing().isEmpty()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(SlackText.truncate(
                    "Still missing: " + SlackText.escape(score.missingSummary()), SECTION_LIMIT))))));
        }
        blocks.add(actions(a -> a.blockId("loop.phases").elements(phaseButtons(loop))));
        blocks.add(actions(a -> a.blockId("loop.more").elements(List.of(
                button(b -> b.actionId(FEEDBACK_ACTION).text(plainText("Feedback loops (" + snapshot.feedback().size() + ")"))
                        .value(Long.toString(loop.id()))),
                button(b -> b.actionId(PIPELINE_ACTION).text(plainText("Pipeline")).value(Long.toString(loop.id()))),
                button(b -> b.actionId(METRICS_ACTION).text(plainText("Success metrics")).value(Long.toString(loop.id()))),
                button(b -> b.actionId("loop.experiment.open").text(plainText("Experiment")).value(Long.toString(loop.id()))),
                button(b -> b.actionId(EXPORT_ACTION).text(plainText("Export")).value(Long.toString(loop.id())))))));
        return blocks;
    }

    /** "*Completeness 72/100* ▓▓▓▓▓▓▓░░░ · 80 passes · 5 of 8 phases". */
    static String progressLine(LoopSnapshot snapshot, Score score) {
        int filled = Math.round(score.total() / 10f);
        String bar = "▓".repeat(filled) + "░".repeat(10 - filled);
        String verdict = score.passing() ? ":white_check_mark: passing" : Score.PASSING + " passes";
        return "*Completeness " + score.total() + "/100* " + bar + " · " + verdict + " · phases " + score.phases()
                + "/40 · feedback " + score.feedback() + "/20 · pipeline " + score.pipeline() + "/25 · metrics "
                + score.metrics() + "/15";
    }

    /** What an old card says once the loop's card was posted again further down. */
    static List<LayoutBlock> movedCard(Loop loop) {
        return asBlocks(section(s -> s.text(markdownText(SlackText.truncate(":arrow_down: *" + loop.displayId() + " "
                + SlackText.escape(loop.feature()) + "* — this card was posted again below; the newest one stays current.", SECTION_LIMIT)))));
    }

    /** The ephemeral answer to `/devloop status`: the channel's loops with their score and last activity. */
    static String status(List<LoopService.LoopStatus> loops) {
        if (loops.isEmpty()) {
            return "This channel has no loop yet. Start one with `/devloop plan <feature>`.";
        }
        StringBuilder sb = new StringBuilder("*Loops in this channel*");
        loops.stream().limit(STATUS_LIMIT).forEach(l -> sb.append("\n• *").append(l.loop().displayId()).append("* ")
                .append(SlackText.escape(SlackText.truncate(l.loop().feature(), 80))).append(" — ")
                .append(l.score().total()).append("/100").append(l.score().passing() ? " :white_check_mark:" : "")
                .append(" · ").append(l.phasesDone()).append("/8 phases · last activity ")
                .append(slackDate(l.loop().updatedAt())));
        if (loops.size() > STATUS_LIMIT) {
            sb.append("\n+").append(loops.size() - STATUS_LIMIT).append(" more (oldest activity last)");
        }
        return sb.append("\n`/devloop loop <id>` shows a loop's card again.").toString();
    }

    /** A time for a channel message, in each reader's own zone. */
    static String slackDate(Instant at) {
        return SlackText.date(at, "{date_short_pretty} at {time}");
    }

    private static List<TextObject> phaseFields(LoopSnapshot snapshot) {
        List<TextObject> fields = new ArrayList<>();
        for (Phase p : Phase.values()) {
            PhaseAnswer a = snapshot.phases().get(p);
            String title = "*" + (p.ordinal() + 1) + " · " + p.label() + "*";
            if (a == null) {
                fields.add(markdownText(":white_square: " + title + "\n_not started_"));
                continue;
            }
            String owners = a.ownerIds().isEmpty() ? "" : " " + a.ownerIds().stream().limit(3)
                    .map(u -> "<@" + u + ">").reduce((x, y) -> x + " " + y).orElse("");
            String duration = a.durationMinutes() == null ? "" : DurationParser.format(java.time.Duration.ofMinutes(a.durationMinutes()));
            fields.add(markdownText(SlackText.truncate(":white_check_mark: " + title + owners + "\n" + duration
                    + (duration.isEmpty() ? "" : " · ") + "edited by <@" + a.editedBy() + ">", FIELD_LIMIT)));
        }
        return fields;
    }

    private static List<BlockElement> phaseButtons(Loop loop) {
        List<BlockElement> buttons = new ArrayList<>();
        for (Phase p : Phase.values()) {
            buttons.add(button(b -> b.actionId(OPEN_PHASE_ACTION + p.key())
                    .text(plainText(p.label()))
                    .value(Long.toString(loop.id()))));
        }
        return buttons;
    }
}
