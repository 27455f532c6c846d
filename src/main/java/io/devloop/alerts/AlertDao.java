package io.devloop.alerts;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Alerts, their groups and routes, always within one team. */
@RegisterConstructorMapper(Alert.class)
@RegisterConstructorMapper(AlertGroup.class)
public interface AlertDao {
    String INSERT = """
            INSERT INTO alerts (team_id, fingerprint, group_id, channel_id, alert_name, service, severity, incident_severity,
                                summary, labels, generator_url, runbook_url, status, starts_at, ends_at, incident_ref,
                                breach, message_outbox_id, storm_outbox_id, updated_at)
            VALUES (:teamId, :fingerprint, :groupId, :channelId, :alertName, :service, :severity, :incidentSeverity,
                    :summary, :labels, :generatorUrl, :runbookUrl, :status, :startsAt, :endsAt, :incidentRef,
                    :breach, :messageOutboxId, :stormOutboxId, :updatedAt)""";

    @SqlUpdate("""
            INSERT INTO alert_groups (team_id, group_key, truncated_alerts, created_at, updated_at)
            VALUES (:teamId, :groupKey, 0, :now, :now) ON CONFLICT DO NOTHING""")
    int insertGroupIfAbsent(@Bind("teamId") String teamId, @Bind("groupKey") String groupKey, @Bind("now") Instant now);

    /** Takes the group's row lock: notifications of one group are processed one after the other. */
    @SqlQuery("SELECT * FROM alert_groups WHERE team_id = :teamId AND group_key = :groupKey FOR UPDATE")
    Optional<AlertGroup> lockGroup(@Bind("teamId") String teamId, @Bind("groupKey") String groupKey);

    @SqlUpdate("""
            UPDATE alert_groups SET channel_id = :channelId, storm_outbox_id = :stormOutboxId,
                   truncated_alerts = :truncatedAlerts, external_url = :externalUrl, updated_at = :updatedAt
            WHERE team_id = :teamId AND id = :id""")
    void updateGroup(@BindMethods AlertGroup group);

    /** Row values, so H2 looks each one up in the unique index (an IN list on fingerprint alone scans the team). */
    @SqlQuery("SELECT * FROM alerts WHERE (team_id, fingerprint) IN (<keys>)")
    List<Alert> byKeys(@BindMethodsList(value = "keys", methodNames = {"teamId", "fingerprint"}) List<Key> keys);

    /** An alert's unique key. */
    record Key(String teamId, String fingerprint) {
    }

    default List<Alert> byFingerprints(String teamId, List<String> fingerprints) {
        return byKeys(fingerprints.stream().map(f -> new Key(teamId, f)).toList());
    }

    @SqlQuery("SELECT * FROM alerts WHERE team_id = :teamId AND id = :id")
    Optional<Alert> find(@Bind("teamId") String teamId, @Bind("id") long id);

    @SqlQuery("""
            SELECT COUNT(*) FROM alerts
            WHERE team_id = :teamId AND group_id = :groupId AND status = 'firing' AND message_outbox_id IS NOT NULL""")
    int firingWithOwnMessage(@Bind("teamId") String teamId, @Bind("groupId") long groupId);

    @SqlQuery("SELECT COUNT(*) FROM alerts WHERE team_id = :teamId AND storm_outbox_id = :stormId AND status = 'firing'")
    int firingInStorm(@Bind("teamId") String teamId, @Bind("stormId") long stormId);

    /** The alerts a group message lists, firing first. */
    @SqlQuery("""
            SELECT * FROM alerts WHERE team_id = :teamId AND storm_outbox_id = :stormId
            ORDER BY CASE WHEN status = 'firing' THEN 0 ELSE 1 END, starts_at, id""")
    List<Alert> inStorm(@Bind("teamId") String teamId, @Bind("stormId") long stormId);

    @SqlUpdate(INSERT)
    @GetGeneratedKeys("id")
    long insert(@BindMethods Alert alert);

    /** Returns the new ids in order. */
    @SqlBatch(INSERT)
    @GetGeneratedKeys("id")
    long[] insertAll(@BindMethods List<Alert> alerts);

    @SqlBatch("UPDATE alerts SET message_outbox_id = :messageOutboxId WHERE team_id = :teamId AND id = :id")
    void setMessages(@BindMethods List<Alert> alerts);

    /** A new episode of a known fingerprint replaces the old one: acks and notes belonged to the old episode. */
    @SqlUpdate("""
            UPDATE alerts SET group_id = :groupId, channel_id = :channelId, alert_name = :alertName, service = :service,
                   severity = :severity, incident_severity = :incidentSeverity, summary = :summary, labels = :labels,
                   generator_url = :generatorUrl, runbook_url = :runbookUrl, status = :status, starts_at = :startsAt,
                   ends_at = :endsAt, incident_ref = :incidentRef, breach = :breach, acked_by = NULL, acked_at = NULL,
                   silence_note = NULL, silence_by = NULL, message_outbox_id = :messageOutboxId,
                   storm_outbox_id = :stormOutboxId, updated_at = :updatedAt
            WHERE team_id = :teamId AND id = :id""")
    void replaceEpisode(@BindMethods Alert alert);

    @SqlUpdate("""
            UPDATE alerts SET status = :status, ends_at = :endsAt, incident_ref = COALESCE(:incidentRef, incident_ref),
                   updated_at = :now
            WHERE team_id = :teamId AND id = :id""")
    void changeStatus(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("status") String status,
                      @Bind("endsAt") Instant endsAt, @Bind("incidentRef") String incidentRef, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE alerts SET storm_outbox_id = :stormId
            WHERE team_id = :teamId AND group_id = :groupId AND storm_outbox_id = 0""")
    int attachToStorm(@Bind("teamId") String teamId, @Bind("groupId") long groupId, @Bind("stormId") long stormId);

    @SqlQuery("SELECT * FROM alerts WHERE team_id = :teamId AND group_id = :groupId AND storm_outbox_id = 0 ORDER BY starts_at, id")
    List<Alert> pendingStorm(@Bind("teamId") String teamId, @Bind("groupId") long groupId);

    @SqlUpdate("""
            UPDATE alerts SET acked_by = :userId, acked_at = :now, updated_at = :now
            WHERE team_id = :teamId AND id = :id AND acked_by IS NULL""")
    int acknowledge(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("userId") String userId,
                    @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE alerts SET silence_note = :note, silence_by = :userId, updated_at = :now
            WHERE team_id = :teamId AND id = :id""")
    int silenceNote(@Bind("teamId") String teamId, @Bind("id") long id, @Bind("userId") String userId,
                    @Bind("note") String note, @Bind("now") Instant now);
}
