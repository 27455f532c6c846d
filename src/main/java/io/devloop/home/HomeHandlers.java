package io.devloop.home;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;

/**
 * The App Home tab. The manifest subscribes to app_home_opened, and an unhandled subscribed event gets a 404
 * that Slack keeps retrying, so even before the full home (issue 9) there is a small welcome page.
 */
public final class HomeHandlers {
    private static final Logger log = LoggerFactory.getLogger(HomeHandlers.class);

    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (req, ctx) -> {
            AppHomeOpenedEvent event = req.getEvent();
            if ("home".equals(event.getTab())) {
                String user = event.getUser();
                app.executorService().submit(() -> {
                    try {
                        ctx.client().viewsPublish(r -> r.userId(user).view(welcome()));
                    } catch (Exception e) {
                        log.warn("views.publish for the home tab failed", e);
                    }
                });
            }
            return ctx.ack();
        });
    }

    static com.slack.api.model.view.View welcome() {
        return view(v -> v.type("home").blocks(asBlocks(
                header(h -> h.text(plainText("devloop"))),
                section(s -> s.text(markdownText("Run your team's DevOps loop in Slack. In any channel, type "
                        + "`/devloop plan <feature>` to open a loop, or `/devloop help` for every command."))))));
    }
}
