package io.devloop.incidents;

import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxMessage;
import io.devloop.slack.RetryDedupe;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Rollbacks: recorded and announced (🔄 started), then finished (✅ completed / ❌ failed) from the buttons on that
 * announcement, which is updated in place with the duration. A rollback of a service with an open incident (or
 * started from an incident's card) joins that incident's timeline.
 */
public final class RollbackService {
    private final Jdbi jdbi;
    private final Outbox outbox;
    private final IncidentService incidents;
    private final Clock clock;

    public RollbackService(Jdbi jdbi, Outbox outbox, IncidentService incidents, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.incidents = incidents;
        this.clock = clock;
    }

    /** A rollback as asked for; {@code incidentId} set when it was started from an incident's card. */
    public record Request(String teamId, String channelId, String service, String toVersion, String reason,
                          String requestedBy, Long incidentId) {
    }

    /** Records and announces the rollback; empty for a retried request. */
    public Optional<Rollback> start(Request r, String requestKey) {
        Instant now = clock.instant();
        Optional<Rollback> started = jdbi.inTransaction(h -> {
            if (requestKey != null && !RetryDedupe.firstTime(h, r.teamId(), requestKey, now)) {
                return Optional.empty();
            }
            IncidentDao incidentDao = h.attach(IncidentDao.class);
            Optional<Incident> incident = (r.incidentId() == null ? Optional.<Incident>empty()
                    : incidentDao.find(r.teamId(), r.incidentId()).filter(i -> !i.isResolved()))
                    .or(() -> incidentDao.openForService(r.teamId(), r.service()));
            RollbackDao dao = h.attach(RollbackDao.class);
            long id = dao.insert(new Rollback(0, r.teamId(), r.channelId(), r.service(), previousVersion(h, r), r.toVersion(),
                    r.reason(), r.requestedBy(), incident.map(Incident::id).orElse(null), Rollback.STARTED, now, null, null, null));
            Rollback rollback = dao.find(r.teamId(), id).orElseThrow();
            IncidentViews.Card message = RollbackViews.notification(rollback, incident);
            long outboxId = outbox.post(h, OutboxMessage.of(r.teamId(), r.channelId(), message.text(), message.blocks())
                    .requestedBy(r.requestedBy()).asAnchor());
            dao.setMessage(r.teamId(), id, outboxId);
            incident.ifPresent(i -> incidents.recordRollback(h, i, r.requestedBy(), RollbackViews.timelineLine(rollback), now));
            return dao.find(r.teamId(), id);
        });
        started.ifPresent(rb -> {
            outbox.wake();
            if (rb.incidentId() != null) {
                incidents.byId(rb.teamId(), rb.incidentId()).ifPresent(incidents::afterChange);
            }
        });
        return started;
    }

    /** What became of a finish click. */
    public record Finish(Optional<Rollback> rollback, String refusal) {
    }

    public Finish finish(String teamId, long rollbackId, boolean completed, String userId, String requestKey) {
        Instant now = clock.instant();
        Finish finish = jdbi.inTransaction(h -> {
            if (requestKey != null && !RetryDedupe.firstTime(h, teamId, requestKey, now)) {
                return new Finish(Optional.empty(), null);
            }
            RollbackDao dao = h.attach(RollbackDao.class);
            Optional<Rollback> before = dao.find(teamId, rollbackId);
            if (before.isEmpty()) {
                return new Finish(Optional.empty(), "That rollback is not in this workspace.");
            }
            if (dao.finish(teamId, rollbackId, completed ? Rollback.COMPLETED : Rollback.FAILED, userId, now) == 0) {
                Optional<Rollback> current = dao.find(teamId, rollbackId); // another click may have finished it meanwhile
                return new Finish(current, "This rollback was already marked " + current.orElse(before.get()).status() + ".");
            }
            Rollback after = dao.find(teamId, rollbackId).orElseThrow();
            Optional<Incident> incident = after.incidentId() == null ? Optional.empty()
                    : h.attach(IncidentDao.class).find(teamId, after.incidentId());
            IncidentViews.Card message = RollbackViews.notification(after, incident);
            if (after.messageOutboxId() != null) {
                outbox.update(h, teamId, after.messageOutboxId(), message.text(), message.blocks());
            }
            incident.ifPresent(i -> incidents.note(h, i, TimelineEntry.ROLLBACK, userId, RollbackViews.timelineLine(after), now));
            return new Finish(Optional.of(after), null);
        });
        if (finish.rollback().isPresent() && finish.refusal() == null) {
            outbox.wake();
        }
        return finish;
    }

    /**
     * The version being rolled back from: what the service's latest successful deployment (from GitHub) shipped,
     * its ref when that names a version, else its short commit sha; null when devloop has seen no deployment.
     */
    static String previousVersion(org.jdbi.v3.core.Handle h, Request r) {
        return h.createQuery("""
                        SELECT ref, sha FROM deployments WHERE team_id = :team AND LOWER(service) = LOWER(:service)
                        AND state = 'success' ORDER BY deployed_at DESC, id DESC LIMIT 1""")
                .bind("team", r.teamId()).bind("service", r.service())
                .map((rs, ctx) -> version(rs.getString("ref"), rs.getString("sha")))
                .findFirst().orElse(null);
    }

    static String version(String ref, String sha) {
        if (IncidentCommands.looksLikeVersion(ref)) {
            return ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : ref;
        }
        return sha == null ? null : sha.substring(0, Math.min(7, sha.length()));
    }
}
