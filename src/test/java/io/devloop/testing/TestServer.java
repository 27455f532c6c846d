package io.devloop.testing;

import io.devloop.App;
import io.devloop.config.Config;
import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real devloop server, started in-process the way the jar starts it, on a random port with a fresh
 * database and {@link FakeSlack} as the Slack Web API.
 */
public final class TestServer implements AutoCloseable {
    public static final String SIGNING_SECRET = "test-signing-secret";
    public static final String WEBHOOK_TOKEN = "test-webhook-token";
    public static final String GITHUB_SECRET = "test-github-secret";
    /** DEVLOOP_ALERT_CHANNEL of the test server: where alerts go when no route matches. */
    public static final String ALERT_CHANNEL = "C0ALERTS";

    private final App app;
    private final Map<String, String> env;
    private final SlackRequests slack;

    private TestServer(App app, Map<String, String> env) {
        this.app = app;
        this.env = env;
        this.slack = new SlackRequests("http://127.0.0.1:" + app.port(), SIGNING_SECRET);
    }

    /** A fresh in-memory H2 database, kept alive for the JVM so a restarted server finds it again. */
    public static String freshH2Url() {
        return "jdbc:h2:mem:devloop-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    public static Map<String, String> env(FakeSlack fake, String dbUrl) {
        return env(fake.apiUrl(), dbUrl);
    }

    public static Map<String, String> env(String slackApiUrl, String dbUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DEVLOOP_BIND", "127.0.0.1");
        env.put("SLACK_API_URL", slackApiUrl);
        env.put("SLACK_BOT_TOKEN", "xoxb-test-token");
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("DEVLOOP_DB_URL", dbUrl);
        env.put("DEVLOOP_NODE_ID", "test-node-" + UUID.randomUUID().toString().substring(0, 8));
        env.put("DEVLOOP_WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        env.put("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET);
        env.put("DEVLOOP_ALERT_CHANNEL", ALERT_CHANNEL);
        return env;
    }

    public static TestServer start(FakeSlack fake) {
        return start(env(fake, freshH2Url()));
    }

    public static TestServer start(Map<String, String> env) {
        return new TestServer(App.start(Config.from(env, List.of())), Map.copyOf(env));
    }

    /** With a stand-in for the incidents domain behind alert intake. */
    public static TestServer start(Map<String, String> env, io.devloop.alerts.AlertIncidents incidents) {
        return new TestServer(App.start(Config.from(env, List.of()), incidents), Map.copyOf(env));
    }

    /** A new server on the same database and settings (a new node id): a restart. */
    public TestServer restart() {
        close();
        Map<String, String> next = new HashMap<>(env);
        next.put("DEVLOOP_NODE_ID", "test-node-" + UUID.randomUUID().toString().substring(0, 8));
        return start(next);
    }

    public SlackRequests slack() {
        return slack;
    }

    public App app() {
        return app;
    }

    public Jdbi jdbi() {
        return app.database().jdbi();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public long count(String table) {
        return jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    /** The single value a query returns, as a string. */
    public String queryString(String sql) {
        return jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    @Override
    public void close() {
        app.close();
    }
}
