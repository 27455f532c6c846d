package io.devloop.incidents;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Optional;

/** Rollbacks, always within one team. Finishing one is conditional, so a second click changes nothing. */
@RegisterConstructorMapper(Rollback.class)
public interface RollbackDao {

    @SqlUpdate("""
            INSERT INTO rollbacks (team_id, channel_id, service, from_version, to_version, reason, requested_by, incident_id,
                                   status, started_at)
            VALUES (:teamId, :channelId, :service, :fromVersion, :toVersion, :reason, :requestedBy, :incidentId,
                    'started', :startedAt)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods Rollback rollback);

    @SqlQuery("SELECT * FROM rollbacks WHERE team_id = :teamId AND id = :id")
    Optional<Rollback> find(@Bind("teamId") String teamId, @Bind("id") long id);

    @SqlUpdate("UPDATE rollbacks SET message_outbox_id = :outboxId WHERE team_id = :teamId AND id = :id")
    void setMessage(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("outboxId") long outboxId);

    @SqlUpdate("""
            UPDATE rollbacks SET status = :status, finished_at = :now, finished_by = :userId
            WHERE team_id = :teamId AND id = :id AND status = 'started'""")
    int finish(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("status") String status,
               @Bind("userId") String userId, @Bind("now") Instant now);
}
