package io.devloop.testing;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The test PostgreSQL at 127.0.0.1:5432 (database test, user postgres). Each caller gets its own schema.
 * Without a reachable server the test is skipped with a message, unless DEVLOOP_REQUIRE_PG=1 (CI), where it fails.
 */
public final class Postgres {
    /** DEVLOOP_TEST_PG_URL points the tests at another server (e.g. a laptop's). */
    public static final String BASE_URL = System.getenv().getOrDefault("DEVLOOP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = "postgres";

    /** Schemas made by this test run; dropped when the JVM exits so the shared test database does not fill up. */
    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Postgres::dropCreatedSchemas, "drop-test-schemas"));
    }

    private Postgres() {
    }

    private static void dropCreatedSchemas() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(BASE_URL, connectProps()); Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = '5s'"); // a connection some test left open must not hang the JVM's exit
            for (String schema : CREATED) {
                try {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    // best effort: a schema still in use stays behind
                }
            }
        } catch (SQLException e) {
            // the server went away: nothing to clean
        }
    }

    private static java.util.Properties connectProps() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", USER);
        p.setProperty("connectTimeout", "3");
        return p;
    }

    /** Creates a fresh schema and returns a JDBC URL whose default schema it is; skips or fails if PG is absent. */
    public static String freshSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(BASE_URL, connectProps());
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
            CREATED.add(schema);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + BASE_URL + " (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("DEVLOOP_REQUIRE_PG"))) {
                throw new AssertionError(message + " and DEVLOOP_REQUIRE_PG=1 requires it", e);
            }
            Assumptions.abort(message + "; skipping. Set DEVLOOP_REQUIRE_PG=1 to make this a failure.");
        }
        return BASE_URL + "?currentSchema=" + schema;
    }
}
