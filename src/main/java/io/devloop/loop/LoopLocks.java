package io.devloop.loop;

import org.jdbi.v3.core.Handle;

/**
 * Saves that replace a part of a loop as a whole (delete, then insert) lock the loop's row first: two people
 * saving at once then take turns — the later save wins — instead of colliding on the tables' unique keys.
 */
final class LoopLocks {
    private LoopLocks() {
    }

    /** Locks the team's loop for the rest of the transaction; false when the team has no such loop. */
    static boolean lock(Handle h, String teamId, long loopId) {
        return h.createQuery("SELECT id FROM loops WHERE team_id = :teamId AND id = :loopId FOR UPDATE")
                .bind("teamId", teamId).bind("loopId", loopId)
                .mapTo(Long.class).findOne().isPresent();
    }
}
