package io.devloop.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.devloop.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Builds the Slack Web API client and the Bolt app from devloop's {@link Config}, never from the environment. */
public final class SlackSetup {
    private static final Logger log = LoggerFactory.getLogger(SlackSetup.class);

    private SlackSetup() {
    }

    /** Who the bot token belongs to, from auth.test at boot. */
    public record BotIdentity(String teamId, String userId, String botId, String teamName) {
    }

    /** A refusal or an unreachable Slack at boot: devloop exits with this message instead of serving 500s. */
    public static final class SlackUnavailableException extends RuntimeException {
        private final boolean refused;

        SlackUnavailableException(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        public boolean refused() {
            return refused;
        }
    }

    public static Slack client(Config config) {
        SlackConfig sc = new SlackConfig(); // SlackConfig.DEFAULT is immutable
        sc.setMethodsEndpointUrlPrefix(config.slackApiUrl());
        sc.setStatsEnabled(false); // no background auth.test calls for SDK statistics
        sc.setHttpClientCallTimeoutMillis(15_000);
        sc.setHttpClientReadTimeoutMillis(10_000);
        sc.setPrettyResponseLoggingEnabled(false);
        return Slack.getInstance(sc);
    }

    public static BotIdentity checkToken(Slack slack, Config config) {
        AuthTestResponse r;
        try {
            r = slack.methods(config.botToken()).authTest(req -> req);
        } catch (IOException | SlackApiException e) {
            throw new SlackUnavailableException("Could not reach the Slack Web API at " + config.slackApiUrl()
                    + " to check SLACK_BOT_TOKEN: " + e.getMessage(), false);
        }
        if (!r.isOk()) {
            throw new SlackUnavailableException("Slack refused SLACK_BOT_TOKEN (auth.test: " + r.getError()
                    + "). Copy the Bot User OAuth Token from your app's OAuth & Permissions page.", true);
        }
        return new BotIdentity(r.getTeamId(), r.getUserId(), r.getBotId(), r.getTeam());
    }

    public static App boltApp(Config config, Slack slack, MeterRegistry registry) {
        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(config.botToken())
                .signingSecret(config.signingSecret())
                .threadPoolSize(8)
                .build();
        App app = new App(appConfig);
        app.use((req, resp, chain) -> {
            long start = System.nanoTime();
            var result = chain.next(req);
            long nanos = System.nanoTime() - start;
            String kind = req.getRequestType() == null ? "unknown" : req.getRequestType().name();
            Timer.builder("devloop.slack.handler").description("time to acknowledge a Slack request")
                    .tag("type", kind).tag("status", Integer.toString(result.getStatusCode()))
                    .register(registry).record(java.time.Duration.ofNanos(nanos));
            log.info("slack {} {} team={} status={} {} ms", kind, RequestSummary.of(req), req.getContext().getTeamId(),
                    result.getStatusCode(), nanos / 1_000_000);
            return result;
        });
        return app;
    }
}
