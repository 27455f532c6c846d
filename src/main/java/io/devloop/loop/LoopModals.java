package io.devloop.loop;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import io.devloop.slack.Forms;
import io.devloop.slack.SlackText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

/** What the loop's form modals (pipeline, metrics) share: opening after the ack, their frame, the loop id they carry. */
final class LoopModals {
    private static final Logger log = LoggerFactory.getLogger(LoopModals.class);
    static final int TITLE_LIMIT = 24;

    private LoopModals() {
    }

    /** A card button's value or a modal's private_metadata: the loop's DB id. */
    static Optional<Long> loopId(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens the modal after the ack, on Bolt's executor: reading the saved data and calling views.open are the
     * slow part. An empty view (the loop is gone) opens nothing.
     */
    static void open(App app, MethodsClient client, String triggerId, String what, Supplier<Optional<View>> view) {
        app.executorService().submit(() -> {
            try {
                Optional<View> v = view.get();
                if (v.isEmpty()) {
                    return;
                }
                var r = client.viewsOpen(req -> req.triggerId(triggerId).view(v.get()));
                if (!r.isOk()) {
                    log.warn("views.open of {} failed: {}", what, r.getError());
                }
            } catch (Exception e) {
                log.warn("views.open of {} failed", what, e);
            }
        });
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
