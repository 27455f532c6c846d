package io.devloop.slack;

import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Supplier;

/** Opening a modal the way every handler must: after the ack, on Bolt's executor, never failing silently. */
public final class Modals {
    private static final Logger log = LoggerFactory.getLogger(Modals.class);

    private Modals() {
    }

    /**
     * Builds the view (reading saved data is part of the slow work) and calls views.open with the request's
     * trigger id. An empty view — the loop or task is gone, or belongs to another team — opens nothing.
     *
     * @param what names the modal in the log
     */
    public static void openAfterAck(App app, MethodsClient client, String triggerId, String what, Supplier<Optional<View>> view) {
        app.executorService().submit(() -> {
            try {
                Optional<View> v = view.get();
                if (v.isEmpty()) {
                    log.info("{} not opened: nothing to show", what);
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
}
