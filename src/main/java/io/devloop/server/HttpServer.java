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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
        /** Read by request threads while servlets may still be added to a server that is already serving. */
        private final Set<String> routes = ConcurrentHashMap.newKeySet();
        private PrometheusMeterRegistry registry;
        private Server server;
        private ServerConnector connector;
        private ServletContextHandler context;

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
            routes.add(path);
            if (context != null) {
                context.addServlet(new ServletHolder(servlet), path);
            }
            return this;
        }

        /**
         * Binds the port and serves the servlets added so far, before the rest of devloop exists; servlets added
         * later join the running server. The sandbox needs this: its Slack stand-in must answer the auth.test
         * calls made while devloop boots.
         */
        public int serveEarly(PrometheusMeterRegistry registry) throws Exception {
            this.registry = registry;
            build();
            server.start();
            return connector.getLocalPort();
        }

        /** Stops a server started by {@link #serveEarly} when the rest of devloop could not start. */
        public void stopEarly() throws Exception {
            if (server != null) {
                server.stop();
            }
        }

        public HttpServer start() throws Exception {
            if (server == null) {
                build();
                server.start();
            }
            return new HttpServer(server, connector);
        }

        private void build() {
            QueuedThreadPool threads = new QueuedThreadPool(64, 8);
            threads.setName("http");
            server = new Server(threads);
            HttpConfiguration httpConfig = new HttpConfiguration();
            httpConfig.setSendServerVersion(false);
            connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
            connector.setHost(host);
            connector.setPort(port);
            server.addConnector(connector);

            context = new ServletContextHandler();
            context.addFilter(new FilterHolder(new RequestMetricsFilter(registry, routes)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            context.addFilter(new FilterHolder(new BodyLimitFilter(MAX_BODY_BYTES)), "/*",
                    EnumSet.of(DispatcherType.REQUEST));
            servlets.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet), path));

            server.setHandler(new GracefulHandler(context));
            server.setStopTimeout(10_000);
            server.setStopAtShutdown(false); // App's own shutdown hook stops things in order
        }
    }
}
