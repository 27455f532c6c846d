package io.devloop.db;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * Runs an {@code INSERT … ON CONFLICT DO NOTHING}: true when this call inserted the row, false when it was
 * already there. PostgreSQL waits for a concurrent insert of the same key and then does nothing; H2 reports it
 * as a unique violation instead, which means the same here.
 */
public final class InsertIfAbsent {
    private InsertIfAbsent() {
    }

    public static boolean run(Update insert) {
        return run(insert::execute);
    }

    /** The same for an insert made another way, e.g. a SqlObject method returning its update count. */
    public static boolean run(java.util.function.IntSupplier insert) {
        try {
            return insert.getAsInt() == 1;
        } catch (UnableToExecuteStatementException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
