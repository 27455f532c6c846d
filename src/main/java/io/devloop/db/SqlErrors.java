package io.devloop.db;

import java.sql.SQLException;

/** Reading what the database said when a statement failed. */
public final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {
    }

    /**
     * A unique-key violation. H2 reports a concurrent insert of the same key this way where PostgreSQL waits and
     * lets {@code ON CONFLICT DO NOTHING} do nothing; callers treat both as "someone else inserted it".
     */
    public static boolean isUniqueViolation(RuntimeException e) {
        return e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }
}
