package io.devloop.sandbox;

import io.devloop.config.Config;
import io.devloop.server.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;

/**
 * Sandbox mode: devloop with no Slack workspace. The HTTP server starts first, serving a stand-in of the Slack
 * Web API ({@code /sandbox/api/}), Slack's response and upload URLs ({@code /sandbox/hooks/}) and the page
 * ({@code /sandbox}); devloop's Slack client is then pointed at the stand-in and boots as usual. Nothing
 * contacts slack.com: every Web API call, response_url and upload goes to this process.
 */
public final class Sandbox {
    private final Config config;
    private final Workspace workspace;
    private final String baseUrl;

    private Sandbox(Config config, Workspace workspace, String baseUrl) {
        this.config = config;
        this.workspace = workspace;
        this.baseUrl = baseUrl;
    }

    /** Binds the port, starts serving the sandbox, and returns it with the config devloop must use from now on. */
    public static Sandbox serve(Config given, HttpServer.Builder http, PrometheusMeterRegistry registry) throws Exception {
        Clock clock = Clock.systemUTC();
        int port = http.serveEarly(registry);
        String baseUrl = "http://" + loopback(given.bind()) + ":" + port;
        Config config = given.withSlackApiUrl(baseUrl + "/sandbox/api/");
        if (config.alertChannel() == null) {
            config = config.withAlertChannel(Workspace.ALERTS.id());
        }
        Workspace workspace = new Workspace(clock);
        SlackDelivery delivery = new SlackDelivery(baseUrl, config.signingSecret(), workspace);
        http.servlet("/sandbox/api/*", new WebApiStandIn(workspace, config.botToken(), baseUrl + "/sandbox/hooks"));
        http.servlet("/sandbox/hooks/*", new HooksServlet(workspace));
        http.servlet("/sandbox/*", new PageServlet(workspace, new PageState(workspace, clock),
                new SandboxActions(workspace, delivery),
                new SampleWebhooks(baseUrl, config.webhookToken(), config.githubWebhookSecret(), clock)));
        return new Sandbox(config, workspace, baseUrl);
    }

    public Config config() {
        return config;
    }

    public Workspace workspace() {
        return workspace;
    }

    /** The line a person runs the jar for: where to open the page. */
    public String openLine(int port) {
        return "devloop sandbox: open http://localhost:" + port + "/sandbox";
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Where this process reaches itself: the bound address, or loopback when bound to every address. */
    private static String loopback(String bind) {
        return bind == null || bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1"
                : bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }
}
