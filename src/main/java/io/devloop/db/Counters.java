package io.devloop.db;

import org.jdbi.v3.core.Handle;

/**
 * Gapless, per-team sequence numbers for the ids people read (L-1, DO-001, INC-42). The UPDATE takes the
 * counter row's lock, so concurrent creators in one team queue up and each gets the next number; a rolled
 * back transaction gives its number back.
 */
public final class Counters {
    private Counters() {
    }

    /**
     * Holds the team's counter of this kind until the transaction ends, so that a check followed by a create
     * ("is one open for this alert group? if not, make INC-n") cannot interleave with another transaction's.
     */
    public static void lock(Handle handle, String teamId, String kind) {
        ensure(handle, teamId, kind);
        handle.createQuery("SELECT last_value FROM id_counters WHERE team_id = :team AND kind = :kind FOR UPDATE")
                .bind("team", teamId).bind("kind", kind).mapTo(Long.class).one();
    }

    public static long next(Handle handle, String teamId, String kind) {
        ensure(handle, teamId, kind);
        handle.createUpdate("UPDATE id_counters SET last_value = last_value + 1 WHERE team_id = :team AND kind = :kind")
                .bind("team", teamId).bind("kind", kind).execute();
        return handle.createQuery("SELECT last_value FROM id_counters WHERE team_id = :team AND kind = :kind")
                .bind("team", teamId).bind("kind", kind).mapTo(Long.class).one();
    }

    /** The counter row exists afterwards; a team's first two ids asked for at once must not fail (H2 says "unique violation"). */
    private static void ensure(Handle handle, String teamId, String kind) {
        InsertIfAbsent.run(handle.createUpdate(
                        "INSERT INTO id_counters (team_id, kind, last_value) VALUES (:team, :kind, 0) ON CONFLICT DO NOTHING")
                .bind("team", teamId).bind("kind", kind));
    }
}
