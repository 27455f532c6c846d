package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import io.devloop.slack.OutboxMessage;
import io.devloop.slack.SlackText;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewTitle;

/** Block Kit for loops: the loop card in the channel and the phase modal. Pure functions of records. */
public final class LoopViews {
    /** Action ids start with one prefix per domain (STYLE.md). */
    public static final String OPEN_PHASE_ACTION = "loop.phase.open.";
    private static final int HEADER_LIMIT = 150;
    private static final int MODAL_TITLE_LIMIT = 24;
    private static final DateTimeFormatter FALLBACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private LoopViews() {
    }

    public static OutboxMessage cardMessage(Loop loop) {
        return OutboxMessage.of(loop.teamId(), loop.channelId(), cardText(loop), card(loop));
    }

    /** Notification and screen-reader text for the card. */
    static String cardText(Loop loop) {
        return "DevOps loop " + loop.displayId() + ": " + loop.feature() + " (0 of 8 phases done)";
    }

    static List<LayoutBlock> card(Loop loop) {
        return asBlocks(
                header(h -> h.text(plainText(SlackText.truncate("🔁 " + loop.feature(), HEADER_LIMIT), true))),
                section(s -> s.text(markdownText("*" + loop.displayId() + "* · owner <@" + loop.ownerId() + "> · opened "
                        + slackDate(loop.createdAt())))),
                section(s -> s.fields(phaseFields())),
                context(c -> c.elements(List.of(markdownText(
                        "0 of 8 phases done · completeness 0/100 · pick a phase below to fill it in")))),
                actions(a -> a.blockId("loop.phases").elements(phaseButtons(loop))));
    }

    /** A placeholder until the phase forms land: says what the phase will hold, and that it is coming. */
    public static View phasePlaceholder(Loop loop, Phase phase) {
        return view(v -> v.type("modal")
                .callbackId("loop.phase.placeholder")
                .title(viewTitle(t -> t.type("plain_text").text(SlackText.truncate(phase.label() + " phase", MODAL_TITLE_LIMIT))))
                .close(viewClose(c -> c.type("plain_text").text("Close")))
                .blocks(asBlocks(
                        section(s -> s.text(markdownText("*" + phase.label() + "* for *" + loop.displayId() + " "
                                + SlackText.escape(SlackText.truncate(loop.feature(), 200)) + "*"))),
                        section(s -> s.text(markdownText(":construction: The phase form (what happens, who is involved, "
                                + "tools, duration, deliverable, automation) is coming soon. The loop card will show "
                                + "each phase's progress once it is filled in."))))));
    }

    /** Slack renders this in each reader's own time zone; the fallback is UTC. */
    static String slackDate(Instant at) {
        return "<!date^" + at.getEpochSecond() + "^{date_short_pretty} at {time}|"
                + FALLBACK_TIME.format(at.atOffset(ZoneOffset.UTC)) + ">";
    }

    private static List<TextObject> phaseFields() {
        List<TextObject> fields = new ArrayList<>();
        for (Phase p : Phase.values()) {
            fields.add(markdownText(":white_square: *" + (p.ordinal() + 1) + " · " + p.label() + "*\n_not started_"));
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
