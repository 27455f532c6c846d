package io.devloop.slack;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table. The claim queries are the one place that reads across teams: a sender delivers
 * every team's messages.
 */
@RegisterConstructorMapper(OutboxRow.class)
public interface OutboxDao {

    @SqlUpdate("""
            INSERT INTO outbox (team_id, channel_id, kind, text, blocks, ref_id, ref_ts, requester_id, anchor,
                                status, attempts, next_attempt_at, created_at)
            VALUES (:teamId, :channelId, :kind, :text, :blocks, :refId, :refTs, :requesterId, :anchor,
                    'pending', 0, :now, :now)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("teamId") String teamId, @Bind("channelId") String channelId, @Bind("kind") String kind,
                @Bind("text") String text, @Bind("blocks") String blocks, @Bind("refId") Long refId,
                @Bind("refTs") String refTs, @Bind("requesterId") String requesterId,
                @Bind("anchor") boolean anchor, @Bind("now") Instant now);

    /** Several new messages in one batch (an alert storm's own messages); their outbox ids in order. */
    @SqlBatch("""
            INSERT INTO outbox (team_id, channel_id, kind, text, blocks, ref_id, ref_ts, requester_id, anchor,
                                status, attempts, next_attempt_at, created_at)
            VALUES (:teamId, :channelId, 'post', :text, :blocksJson, :threadParentId, NULL, :requesterId, :anchor,
                    'pending', 0, :now, :now)""")
    @GetGeneratedKeys("id")
    long[] insertPosts(@BindMethods List<OutboxMessage> messages, @Bind("now") Instant now);

    /** Coalescing: a newer state of a message makes older, not yet claimed updates of it pointless. */
    @SqlUpdate("""
            UPDATE outbox SET status = 'superseded'
            WHERE team_id = :teamId AND ref_id = :refId AND kind = 'update' AND status = 'pending'
              AND claimed_by IS NULL AND id < :newId""")
    int supersedeUpdates(@Bind("teamId") String teamId, @Bind("refId") long refId, @Bind("newId") long newId);

    @SqlQuery("SELECT * FROM outbox WHERE team_id = :teamId AND id = :id")
    Optional<OutboxRow> find(@Bind("teamId") String teamId, @Bind("id") long id);

    /**
     * The head (oldest pending row) of each channel that is due and not leased to a live sender. The heads come from
     * one grouped pass over the pending rows of the queue index: a correlated MIN per row made each poll quadratic in
     * the backlog (half a second per poll at 2,500 pending rows on H2, during an alert storm).
     */
    @SqlQuery("""
            SELECT o.* FROM (SELECT MIN(id) AS id FROM outbox WHERE status = 'pending' GROUP BY team_id, channel_id) h
            JOIN outbox o ON o.id = h.id
            WHERE o.next_attempt_at <= :now
              AND (o.claim_expires_at IS NULL OR o.claim_expires_at < :now)
            ORDER BY o.id
            LIMIT :limit""")
    List<OutboxRow> dueHeads(@Bind("now") Instant now, @Bind("limit") int limit);

    /** A lease: exactly one sender wins a row until it reports back or the lease expires (crashed node). */
    @SqlUpdate("""
            UPDATE outbox SET claimed_by = :node, claim_expires_at = :until
            WHERE id = :id AND status = 'pending'
              AND (claim_expires_at IS NULL OR claim_expires_at < :now)""")
    int claim(@Bind("id") long id, @Bind("node") String node, @Bind("now") Instant now, @Bind("until") Instant until);

    @SqlUpdate("""
            UPDATE outbox SET status = 'sent', message_ts = :ts, sent_at = :now, attempts = attempts + 1,
                              claimed_by = NULL, claim_expires_at = NULL, last_error = NULL
            WHERE id = :id""")
    void markSent(@Bind("id") long id, @Bind("ts") String ts, @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE outbox SET next_attempt_at = :at, attempts = attempts + :countsAsAttempt, last_error = :error,
                              claimed_by = NULL, claim_expires_at = NULL
            WHERE id = :id""")
    void retryAt(@Bind("id") long id, @Bind("at") Instant at, @Bind("countsAsAttempt") int countsAsAttempt,
                 @Bind("error") String error);

    @SqlUpdate("""
            UPDATE outbox SET status = 'dead', last_error = :error, attempts = attempts + 1,
                              claimed_by = NULL, claim_expires_at = NULL
            WHERE id = :id""")
    void markDead(@Bind("id") long id, @Bind("error") String error);

    /** On shutdown: hand this node's unfinished claims back at once instead of waiting for their leases. */
    @SqlUpdate("UPDATE outbox SET claimed_by = NULL, claim_expires_at = NULL WHERE claimed_by = :node AND status = 'pending'")
    int releaseClaims(@Bind("node") String node);

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")
    long pendingCount();
}
