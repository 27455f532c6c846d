package io.devloop.slack;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.util.BuilderConfigurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers to a click through its response_url, sent after the ack on Bolt's executor and never failing loudly. */
public final class Replies {
    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    /** A note only the clicker sees; the clicked message stays as it is. */
    public static void tell(App app, ActionContext ctx, String text) {
        later(app, ctx, r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
    }

    /** Any response_url answer (e.g. rewriting the clicked message in place), after the ack. */
    public static void later(App app, ActionContext ctx, BuilderConfigurator<ActionResponse.ActionResponseBuilder> response) {
        app.executorService().submit(() -> {
            try {
                ctx.respond(response);
            } catch (Exception e) {
                log.warn("could not answer through response_url: {}", e.toString());
            }
        });
    }
}
