package io.devloop.tasks;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.Optional;

/** Digest settings per channel, always within one team. */
@RegisterConstructorMapper(DigestSettings.class)
public interface DigestDao {

    @SqlQuery("SELECT * FROM task_digests WHERE team_id = :teamId AND channel_id = :channelId")
    Optional<DigestSettings> find(@Bind("teamId") String teamId, @Bind("channelId") String channelId);

    @SqlUpdate("""
            UPDATE task_digests SET time_of_day = :timeOfDay, zone = :zone, skip_weekends = :skipWeekends,
                                    set_by = :setBy, set_at = :setAt
            WHERE team_id = :teamId AND channel_id = :channelId""")
    int update(@BindMethods DigestSettings s);

    @SqlUpdate("""
            INSERT INTO task_digests (team_id, channel_id, time_of_day, zone, skip_weekends, set_by, set_at)
            VALUES (:teamId, :channelId, :timeOfDay, :zone, :skipWeekends, :setBy, :setAt)
            ON CONFLICT DO NOTHING""")
    int insertIfAbsent(@BindMethods DigestSettings s);

    @SqlUpdate("DELETE FROM task_digests WHERE team_id = :teamId AND channel_id = :channelId")
    int delete(@Bind("teamId") String teamId, @Bind("channelId") String channelId);

    /**
     * Update, else insert, else (someone inserted in between) update: portable to H2 and safe under concurrency,
     * without relying on MERGE (ARCHITECTURE "Data rules").
     */
    @Transaction
    default void upsert(DigestSettings s) {
        if (update(s) == 0 && insertIfAbsent(s) == 0) {
            update(s);
        }
    }
}
