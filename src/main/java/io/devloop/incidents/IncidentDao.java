package io.devloop.incidents;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Incidents, their timeline and learning logs, always within one team. Every state change is a conditional
 * UPDATE (the status it may come from, an acknowledgement not yet given), so two clicks racing each other, or a
 * retried click, change the row once: the loser sees 0 rows.
 */
@RegisterConstructorMapper(Incident.class)
@RegisterConstructorMapper(TimelineEntry.class)
@RegisterConstructorMapper(Learning.class)
public interface IncidentDao {

    @SqlUpdate("""
            INSERT INTO incidents (team_id, seq, channel_id, title, service, severity, status, description, commander_id,
                                   declared_by, started_at, declared_at, last_update_at, alert_key, open_alert_key, updated_at)
            VALUES (:teamId, :seq, :channelId, :title, :service, :severity, 'investigating', :description, :commanderId,
                    :declaredBy, :startedAt, :declaredAt, :declaredAt, :alertKey, :openAlertKey, :declaredAt)""")
    @GetGeneratedKeys("id")
    long insert(@BindMethods Incident incident);

    @SqlQuery("SELECT * FROM incidents WHERE team_id = :teamId AND id = :id")
    Optional<Incident> find(@Bind("teamId") String teamId, @Bind("id") long id);

    /** The row, locked until the transaction ends: changes of one incident (and its card's states) queue up in order. */
    @SqlQuery("SELECT * FROM incidents WHERE team_id = :teamId AND id = :id FOR UPDATE")
    Optional<Incident> lock(@Bind("teamId") String teamId, @Bind("id") long id);

    @SqlQuery("SELECT * FROM incidents WHERE team_id = :teamId AND seq = :seq")
    Optional<Incident> findBySeq(@Bind("teamId") String teamId, @Bind("seq") long seq);

    @SqlQuery("SELECT * FROM incidents WHERE team_id = :teamId AND open_alert_key = :key")
    Optional<Incident> findOpenByAlertKey(@Bind("teamId") String teamId, @Bind("key") String alertKey);

    @SqlUpdate("UPDATE incidents SET card_outbox_id = :card, mirror_outbox_id = :mirror WHERE team_id = :teamId AND id = :id")
    void setCards(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("card") long card, @Bind("mirror") Long mirror);

    @SqlUpdate("""
            UPDATE incidents SET acknowledged_at = :now, commander_id = COALESCE(commander_id, :userId),
                   last_update_at = :now, updated_at = :now
            WHERE team_id = :teamId AND id = :id AND acknowledged_at IS NULL AND status <> 'resolved'""")
    int acknowledge(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("userId") String userId, @Bind("now") Instant now);

    /** Moves the status forward from one of {@code from}; the first move to mitigated or resolved stamps its time. */
    @SqlUpdate("""
            UPDATE incidents SET status = :to,
                   mitigated_at = CASE WHEN :to = 'mitigated' THEN :now ELSE mitigated_at END,
                   resolved_at = CASE WHEN :to = 'resolved' THEN :now ELSE resolved_at END,
                   open_alert_key = CASE WHEN :to = 'resolved' THEN NULL ELSE open_alert_key END,
                   last_update_at = :now, updated_at = :now
            WHERE team_id = :teamId AND id = :id AND status IN (<from>)""")
    int moveTo(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("to") String to,
               @BindList("from") Collection<String> from, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE incidents SET severity = :severity, last_update_at = :now, updated_at = :now
            WHERE team_id = :teamId AND id = :id AND severity <> :severity AND status <> 'resolved'""")
    int changeSeverity(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("severity") int severity, @Bind("now") Instant now);

    /** A status note was posted: the clock of the status-update reminder starts again. */
    @SqlUpdate("""
            UPDATE incidents SET last_update_at = :now, updated_at = :now
            WHERE team_id = :teamId AND id = :id AND status <> 'resolved'""")
    int touch(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM incidents WHERE team_id = :teamId AND status <> 'resolved' ORDER BY severity, seq")
    List<Incident> open(@Bind("teamId") String teamId);

    @SqlQuery("""
            SELECT * FROM incidents WHERE team_id = :teamId AND status = 'resolved' AND resolved_at >= :since
            ORDER BY resolved_at DESC LIMIT :limit""")
    List<Incident> resolvedSince(@Bind("teamId") String teamId, @Bind("since") Instant since, @Bind("limit") int limit);

    @SqlQuery("""
            SELECT * FROM incidents WHERE team_id = :teamId AND status <> 'resolved' AND LOWER(service) = LOWER(:service)
            ORDER BY seq DESC LIMIT 1""")
    Optional<Incident> openForService(@Bind("teamId") String teamId, @Bind("service") String service);

    @SqlUpdate("""
            INSERT INTO incident_timeline (team_id, incident_id, kind, actor_id, text, at)
            VALUES (:teamId, :incidentId, :kind, :actorId, :text, :at)""")
    void addToTimeline(@Bind("teamId") String teamId, @Bind("incidentId") long incidentId, @Bind("kind") String kind,
                       @Bind("actorId") String actorId, @Bind("text") String text, @Bind("at") Instant at);

    @SqlQuery("SELECT * FROM incident_timeline WHERE team_id = :teamId AND incident_id = :incidentId ORDER BY id")
    List<TimelineEntry> timeline(@Bind("teamId") String teamId, @Bind("incidentId") long incidentId);

    @SqlQuery("SELECT * FROM incident_learnings WHERE team_id = :teamId AND incident_id = :incidentId")
    Optional<Learning> learning(@Bind("teamId") String teamId, @Bind("incidentId") long incidentId);

    @SqlQuery("SELECT incident_id FROM incident_learnings WHERE team_id = :teamId AND incident_id IN (<ids>)")
    List<Long> withLearning(@Bind("teamId") String teamId, @BindList("ids") Collection<Long> incidentIds);

    @SqlUpdate("""
            UPDATE incident_learnings SET root_cause = :rootCause, resolution = :resolution, prevention = :prevention,
                   lessons = :lessons, submitted_by = :submittedBy, submitted_at = :submittedAt
            WHERE team_id = :teamId AND incident_id = :incidentId""")
    int updateLearning(@BindMethods Learning learning);

    @SqlUpdate("""
            INSERT INTO incident_learnings (team_id, incident_id, root_cause, resolution, prevention, lessons, submitted_by, submitted_at)
            VALUES (:teamId, :incidentId, :rootCause, :resolution, :prevention, :lessons, :submittedBy, :submittedAt)""")
    void insertLearning(@BindMethods Learning learning);
}
