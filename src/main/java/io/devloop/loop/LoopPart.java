package io.devloop.loop;

import com.slack.api.model.view.View;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Map;

/**
 * A part of a loop that one modal edits and a save replaces as a whole — the pipeline design, the success
 * metrics. {@link LoopPartHandlers} does the Slack side and the transaction once for every part.
 *
 * @param <S> what the modal shows (the saved state)
 * @param <D> a valid submission
 */
interface LoopPart<S, D> {
    /** The `/devloop` subcommand that opens the modal. */
    String subcommand();

    /** The loop card button that opens it. */
    String buttonAction();

    String saveCallback();

    /** The field under which problems of the whole save are shown ("this loop is gone", "saving failed"). */
    String errorField();

    S load(Handle h, Loop loop);

    View modal(S saved);

    Reading<D> read(View submitted);

    /** Replaces the part; runs in the save's transaction, after the loop row is locked. */
    void replace(Handle h, String teamId, long loopId, String editorId, D draft, Instant now);

    /** A submission read: a draft to save, or inline errors by field id. */
    record Reading<D>(D draft, Map<String, String> errors) {
        static <D> Reading<D> valid(D draft) {
            return new Reading<>(draft, Map.of());
        }

        static <D> Reading<D> invalid(Map<String, String> errors) {
            return new Reading<>(null, errors);
        }
    }
}
