package io.devloop.loop;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.SlackText;

import java.util.List;
import java.util.Map;

import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** What the loop's form modals (pipeline, metrics) share: their frame and the loop id they carry. */
final class LoopModals {
    static final int TITLE_LIMIT = 24;

    private LoopModals() {
    }

    /** A form modal that carries its loop's id to the submission. */
    static View modal(String callbackId, Loop loop, String title, List<LayoutBlock> blocks) {
        return view(v -> v.type("modal")
                .callbackId(callbackId)
                .privateMetadata(Long.toString(loop.id()))
                .title(viewTitle(t -> t.type("plain_text").text(SlackText.truncate(title, TITLE_LIMIT))))
                .submit(viewSubmit(s -> s.type("plain_text").text("Save")))
                .close(viewClose(c -> c.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    /** The input blocks of these fields, each pre-filled with its value (when it has one). */
    static List<LayoutBlock> inputs(List<Forms.Field> fields, Map<Forms.Field, Object> values) {
        return fields.stream().<LayoutBlock>map(f -> Forms.block(f, values.get(f))).toList();
    }

    /** "*L-3 Checkout v2*", escaped and cut to fit a section. */
    static String loopLine(Loop loop) {
        return "*" + loop.displayId() + " " + SlackText.escape(SlackText.truncate(loop.feature(), 200)) + "*";
    }
}
