package io.devloop.loop;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Loops, always read and written within one team. */
@RegisterConstructorMapper(Loop.class)
public interface LoopDao {

    @SqlUpdate("""
            INSERT INTO loops (team_id, seq, channel_id, feature, feature_key, owner_id, created_at, updated_at)
            VALUES (:teamId, :seq, :channelId, :feature, :featureKey, :ownerId, :now, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("teamId") String teamId, @Bind("seq") long seq, @Bind("channelId") String channelId,
                @Bind("feature") String feature, @Bind("featureKey") String featureKey,
                @Bind("ownerId") String ownerId, @Bind("now") Instant now);

    @SqlUpdate("UPDATE loops SET card_outbox_id = :outboxId WHERE team_id = :teamId AND id = :id")
    void setCard(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("outboxId") long outboxId);

    @SqlQuery("SELECT * FROM loops WHERE team_id = :teamId AND id = :id")
    Optional<Loop> find(@Bind("teamId") String teamId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM loops WHERE team_id = :teamId AND seq = :seq")
    Optional<Loop> findBySeq(@Bind("teamId") String teamId, @Bind("seq") long seq);

    @SqlQuery("SELECT * FROM loops WHERE team_id = :teamId AND channel_id = :channelId AND feature_key = :featureKey")
    Optional<Loop> findByFeature(@Bind("teamId") String teamId, @Bind("channelId") String channelId,
                                 @Bind("featureKey") String featureKey);

    @SqlQuery("SELECT * FROM loops WHERE team_id = :teamId AND channel_id = :channelId ORDER BY updated_at DESC, id DESC")
    List<Loop> inChannel(@Bind("teamId") String teamId, @Bind("channelId") String channelId);

    /** The Slack ts of the loop's card, once the outbox has delivered it. */
    @SqlQuery("""
            SELECT o.message_ts FROM loops l JOIN outbox o ON o.id = l.card_outbox_id AND o.team_id = l.team_id
            WHERE l.team_id = :teamId AND l.id = :id""")
    Optional<String> cardTs(@Bind("teamId") String teamId, @Bind("id") long id);
}
