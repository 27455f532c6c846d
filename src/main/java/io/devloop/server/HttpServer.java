package io.devloop.server;

import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The one Jetty server: Slack's endpoint, health, readiness, metrics, and the webhooks domains add. */
public final class HttpServer {
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Server server;
    private final ServerConnector connector;

    private HttpServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Stops accepting, lets in-flight requests finish (up to the stop timeout), then stops. */
    public void stop() throws Exception {
        server.stop();
    }

    public static final class Builder {
        private final String host;
        private final int port;
        private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
        private PrometheusMeterRegistry registry;

        private Builder(String host, int port) {
            this.host = host;
            this.port = port;
        }

        public Builder slack(App app) {
            return servlet("/slack/events", new SlackAppServlet(app));
        }

        public Builder probes(Supplier<String> readinessProblem, PrometheusMeterRegistry registry) {
            this.registry = registry;
            servlet("/health", new HealthServlet());
            servlet("/ready", new ReadyServlet(readinessProblem));
            return servlet("/metrics", new MetricsServlet(registry));
        }

        public Builder servlet(String path, HttpServlet servlet) {
            servlets.put(path, servlet);
            return this;
        }

        public HttpServer start() throws Exception {
            QueuedThreadPool threads = new QueuedThreadPool(64, 8);
            threads.setName("http");
            Server server = new Server(threads);
            HttpConfiguration httpConfig = new HttpConfiguration();
            httpConfig.setSendServerVersion(false);
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
            connector.setHost(host);
            connector.setPort(port);
            server.addConnector(connector);

            ServletContextHandler context = new ServletContextHandler();
            context.addFilter(new FilterHolder(new RequestMetricsFilter(registry, servlets.keySet())), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(new FilterHolder(new BodyLimitFilter(MAX_BODY_BYTES)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));

            server.setHandler(new GracefulHandler(context));
            server.setStopTimeout(10_000);
            server.setStopAtShutdown(false); // App's own shutdown hook stops things in order
            server.start();
            return new HttpServer(server, connector);
        }
    }
}
