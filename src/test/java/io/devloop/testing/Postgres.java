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
    public static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private Postgres() {
    }

    /** Creates a fresh schema and returns a JDBC URL whose default schema it is; skips or fails if PG is absent. */
    public static String freshSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(BASE_URL + "?connectTimeout=3", USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at 127.0.0.1:5432 (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("DEVLOOP_REQUIRE_PG"))) {
                throw new AssertionError(message + " and DEVLOOP_REQUIRE_PG=1 requires it", e);
            }
            Assumptions.abort(message + "; skipping. Set DEVLOOP_REQUIRE_PG=1 to make this a failure.");
        }
        return BASE_URL + "?currentSchema=" + schema;
    }
}
