package io.devloop.incidents;

import io.devloop.db.Counters;
import io.devloop.home.HomeRefresh;
import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxMessage;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import io.devloop.tasks.TaskService;
import io.devloop.tasks.Tier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Incidents from declaration to learning log. Every change is one transaction: the conditional update, its
 * timeline entry, the entry's thread reply under the card and the card's new state (both through the outbox).
 * A retried request (same dedupe key) or a change that no longer applies (already acknowledged, already
 * resolved) changes nothing.
 */
public final class IncidentService {
    static final String COUNTER = "incident";
    static final Duration RECENT = Duration.ofDays(30);
    static final int RECENT_LIMIT = 10;

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final IncidentReminders reminders;
    private final TaskService tasks;
    private final String alertChannel;
    private final Clock clock;
    private final HomeRefresh homes;

    public IncidentService(Jdbi jdbi, Outbox outbox, IncidentReminders reminders, TaskService tasks, String alertChannel,
                           Clock clock) {
        this(jdbi, outbox, reminders, tasks, alertChannel, clock, HomeRefresh.NONE);
    }

    /** @param homes told after each committed change, so the home tabs of its commander and declarer show it */
    public IncidentService(Jdbi jdbi, Outbox outbox, IncidentReminders reminders, TaskService tasks, String alertChannel,
                           Clock clock, HomeRefresh homes) {
        this.homes = homes;
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.reminders = reminders;
        this.tasks = tasks;
        this.alertChannel = alertChannel;
        this.clock = clock;
    }

    /** An incident as declared, before it has an id. {@code startedAt} null = it started when declared. */
    public record Declaration(String teamId, String channelId, String title, String service, Severity severity,
                              String description, String commanderId, String declaredBy, Instant startedAt, String alertKey) {
    }

    /** What became of a requested change: the incident after it, or why nothing changed. */
    public record Outcome(Optional<Incident> incident, String refusal, boolean repeat) {
        static Outcome changed(Incident i) {
            return new Outcome(Optional.of(i), null, false);
        }

        static Outcome refused(Incident i, String why) {
            return new Outcome(Optional.ofNullable(i), why, false);
        }

        static Outcome repeated() {
            return new Outcome(Optional.empty(), null, true);
        }

        public boolean isChanged() {
            return refusal == null && !repeat;
        }
    }

    /** Declares an incident with the team's next INC-id and posts its card; empty for a retried request. */
    public Optional<Incident> declare(Declaration d, String requestKey) {
        Instant now = clock.instant();
        Optional<Incident> declared = jdbi.inTransaction(h -> {
            if (requestKey != null && !RetryDedupe.firstTime(h, d.teamId(), requestKey, now)) {
                return Optional.empty();
            }
            Incident incident = declare(h, d, now);
            replan(incident);
            return Optional.of(incident);
        });
        declared.ifPresent(this::afterChange);
        return declared;
    }

    /**
     * Declares an incident for the Alertmanager group of an alert (the alert message's "Declare incident"), so that
     * the group's later alerts join it; returns the group's incident that is already open instead, if there is one
     * (nothing is declared then). A retried request declares nothing either.
     */
    public Optional<Incident> declareForAlert(Declaration d, long alertId, String requestKey) {
        Instant now = clock.instant();
        java.util.concurrent.atomic.AtomicReference<Incident> made = new java.util.concurrent.atomic.AtomicReference<>();
        Optional<Incident> open = jdbi.inTransaction(h -> {
            Optional<String> groupKey = h.createQuery("""
                            SELECT g.group_key FROM alerts a JOIN alert_groups g ON g.id = a.group_id AND g.team_id = a.team_id
                            WHERE a.team_id = :team AND a.id = :alert""")
                    .bind("team", d.teamId()).bind("alert", alertId).mapTo(String.class).findOne();
            String key = groupKey.map(IncidentAlerts::keyOf).orElse(null);
            if (key != null) {
                Counters.lock(h, d.teamId(), COUNTER);
                Optional<Incident> existing = h.attach(IncidentDao.class).findOpenByAlertKey(d.teamId(), key);
                if (existing.isPresent()) {
                    return existing;
                }
            }
            if (requestKey != null && !RetryDedupe.firstTime(h, d.teamId(), requestKey, now)) {
                return Optional.<Incident>empty();
            }
            Incident incident = declare(h, new Declaration(d.teamId(), d.channelId(), d.title(), d.service(), d.severity(),
                    d.description(), d.commanderId(), d.declaredBy(), d.startedAt(), key), now);
            replan(incident);
            made.set(incident);
            return Optional.<Incident>empty();
        });
        if (made.get() != null) {
            afterChange(made.get());
        }
        return open;
    }

    /** The declaration inside a caller's transaction (an alert's ingest); the caller wakes the outbox. */
    public Incident declare(Handle h, Declaration d, Instant now) {
        IncidentDao dao = h.attach(IncidentDao.class);
        long seq = Counters.next(h, d.teamId(), COUNTER);
        Instant started = d.startedAt() == null || d.startedAt().isAfter(now) ? now : d.startedAt();
        long id = dao.insert(new Incident(0, d.teamId(), seq, d.channelId(), d.title(), blankToNull(d.service()),
                d.severity().level(), IncidentStatus.INVESTIGATING.key(), blankToNull(d.description()), d.commanderId(),
                d.declaredBy(), started, now, null, null, null, now, null, null, d.alertKey(), d.alertKey(), now));
        Incident incident = dao.find(d.teamId(), id).orElseThrow();
        IncidentViews.Card card = IncidentViews.card(incident, false);
        long cardId = outbox.post(h, OutboxMessage.of(d.teamId(), d.channelId(), card.text(), card.blocks())
                .requestedBy(person(d.declaredBy())).asAnchor());
        Long mirrorId = alertChannel == null || alertChannel.equals(d.channelId()) ? null
                : outbox.post(h, OutboxMessage.of(d.teamId(), alertChannel, card.text(), card.blocks()).asAnchor());
        dao.setCards(d.teamId(), id, cardId, mirrorId);
        Incident withCard = dao.find(d.teamId(), id).orElseThrow();
        h.attach(IncidentDao.class).addToTimeline(d.teamId(), id, TimelineEntry.DECLARED, person(d.declaredBy()),
                IncidentViews.declaredLine(withCard), now);
        reply(h, withCard, IncidentViews.declaredLine(withCard), now);
        return withCard;
    }

    public Outcome acknowledge(String teamId, long incidentId, String userId, String requestKey) {
        return change(teamId, incidentId, requestKey, (h, dao, before, now) -> {
            if (before.isResolved()) {
                return Step.refuse(before.displayId() + " is already resolved.");
            }
            if (dao.acknowledge(teamId, incidentId, userId, now) == 0) {
                return Step.refuse(before.displayId() + " was already acknowledged"
                        + (before.commanderId() == null ? "." : "; <@" + before.commanderId() + "> is the commander."));
            }
            String commander = before.commanderId() == null ? " and is the commander" : "";
            return Step.record(TimelineEntry.ACKNOWLEDGED, userId, "<@" + userId + "> acknowledged" + commander);
        });
    }

    /** A status note; {@code identified} also moves an investigating incident to identified. */
    public Outcome postUpdate(String teamId, long incidentId, String userId, String note, boolean identified, String requestKey) {
        return change(teamId, incidentId, requestKey, (h, dao, before, now) -> {
            if (before.isResolved()) {
                return Step.refuse(before.displayId() + " is resolved; post further notes in its thread.");
            }
            boolean moved = identified && dao.moveTo(teamId, incidentId, IncidentStatus.IDENTIFIED.key(),
                    keys(IncidentStatus.before(IncidentStatus.IDENTIFIED)), now) == 1;
            if (!moved) {
                dao.touch(teamId, incidentId, now);
            }
            return Step.record(TimelineEntry.UPDATE, userId,
                    (moved ? "🎯 <@" + userId + "> identified the cause: " : "<@" + userId + ">: ") + SlackText.escape(note));
        });
    }

    /** Moves to mitigated or resolved; refused (with the reason) when the incident is already there or past it. */
    public Outcome moveTo(String teamId, long incidentId, IncidentStatus to, String userId, String requestKey) {
        return change(teamId, incidentId, requestKey, (h, dao, before, now) -> {
            if (!before.statusValue().canMoveTo(to)) {
                return Step.refuse(refusal(before, to));
            }
            if (dao.moveTo(teamId, incidentId, to.key(), keys(IncidentStatus.before(to)), now) == 0) {
                return Step.refuse(refusal(dao.find(teamId, incidentId).orElse(before), to));
            }
            String kind = to == IncidentStatus.RESOLVED ? TimelineEntry.RESOLVED
                    : to == IncidentStatus.MITIGATED ? TimelineEntry.MITIGATED : TimelineEntry.STATUS;
            return Step.record(kind, userId, to.emoji() + " <@" + userId + "> marked it " + to.label().toLowerCase());
        });
    }

    static String refusal(Incident i, IncidentStatus to) {
        IncidentStatus now = i.statusValue();
        if (now == to) {
            return i.displayId() + " is already " + to.label().toLowerCase() + ".";
        }
        return i.displayId() + " is " + now.label().toLowerCase() + "; it cannot go back to " + to.label().toLowerCase()
                + ". Incidents move investigating → identified → mitigated → resolved.";
    }

    public Outcome changeSeverity(String teamId, long incidentId, Severity severity, String userId, String requestKey) {
        return change(teamId, incidentId, requestKey, (h, dao, before, now) -> {
            if (before.isResolved()) {
                return Step.refuse(before.displayId() + " is resolved; its severity stays " + before.severityValue().label() + ".");
            }
            if (dao.changeSeverity(teamId, incidentId, severity.level(), now) == 0) {
                return Step.refuse(before.displayId() + " is already " + severity.label() + ".");
            }
            return Step.record(TimelineEntry.SEVERITY, userId, "<@" + userId + "> changed the severity "
                    + before.severityValue().label() + " → " + severity.label());
        });
    }

    /** Saves the learning log (a later save replaces an earlier one) and, if asked, makes each action a DO-task. */
    public Outcome saveLearning(String teamId, long incidentId, Learning draft, boolean actionsAsTasks, String requestKey) {
        List<io.devloop.tasks.Task> made = new ArrayList<>();
        Outcome outcome = change(teamId, incidentId, requestKey, (h, dao, before, now) -> {
            if (!before.isResolved()) {
                return Step.refuse(before.displayId() + " is not resolved yet: write the learning log once it is.");
            }
            Learning l = new Learning(teamId, incidentId, draft.rootCause(), draft.resolution(), draft.prevention(),
                    draft.lessons(), draft.submittedBy(), now);
            boolean first = dao.updateLearning(l) == 0;
            if (first) {
                dao.insertLearning(l);
            }
            if (actionsAsTasks) {
                // in the learning log's own transaction: all of its DO-tasks or none, once per submission
                for (String action : draft.actions()) {
                    made.add(tasks.createIn(h, teamId, draft.submittedBy(), new TaskService.Draft(before.channelId(), null,
                            IncidentViews.taskTitle(before, action), Tier.CRITICAL, 3,
                            before.commanderId() == null ? draft.submittedBy() : before.commanderId(), null, null, "none", null,
                            "Prevents a repeat of " + before.displayId() + " (" + before.title() + ")"), now));
                }
            }
            return Step.record(TimelineEntry.LEARNING, draft.submittedBy(), "📝 <@" + draft.submittedBy() + "> "
                    + (first ? "wrote" : "revised") + " the learning log"
                    + (made.isEmpty() ? "" : "; prevention actions are " + made.get(0).displayId()
                    + (made.size() > 1 ? "–" + made.get(made.size() - 1).displayId() : "")));
        });
        if (outcome.isChanged()) {
            made.forEach(tasks::created);
        }
        return outcome;
    }

    /** An alert's part in an incident: the incident, and whether this alert opened it. */
    public record AlertIncident(Incident incident, boolean opened) {
    }

    /**
     * In an alert ingest's transaction: the open incident of this alert group (ARCHITECTURE: an auto-incident
     * covers an Alertmanager group), which the alert joins with a timeline entry, or a new one declared by
     * Alertmanager. Before declaring, the team's incident counter is locked and the group looked up again, so two
     * deliveries of one group racing each other open one incident, while joins (the common case) take no lock. The caller wakes the outbox and calls {@link #afterChange} after its commit.
     */
    public AlertIncident openForAlert(Handle h, Declaration d, String alertLine, Instant now) {
        Optional<Incident> open = h.attach(IncidentDao.class).findOpenByAlertKey(d.teamId(), d.alertKey());
        if (open.isEmpty()) {
            // only a new incident needs the counter lock; then look again, another delivery may have just opened it
            Counters.lock(h, d.teamId(), COUNTER);
            open = h.attach(IncidentDao.class).findOpenByAlertKey(d.teamId(), d.alertKey());
        }
        if (open.isPresent()) {
            // a row in the timeline only: a storm of 300 alerts must not become 300 replies in the thread
            h.attach(IncidentDao.class).addToTimeline(d.teamId(), open.get().id(), TimelineEntry.ALERT, null, "🔔 " + alertLine, now);
            return new AlertIncident(open.get(), false);
        }
        return new AlertIncident(declare(h, d, now), true);
    }

    /**
     * In an alert ingest's transaction: an alert of the group resolved, which the timeline records. When it was the
     * group's last firing one ({@code lastFiring}), the thread says so and offers to resolve the incident.
     */
    public Optional<Incident> alertResolved(Handle h, String teamId, String alertKey, String alertLine, boolean lastFiring,
                                            Instant now) {
        Optional<Incident> open = h.attach(IncidentDao.class).findOpenByAlertKey(teamId, alertKey);
        open.ifPresent(i -> {
            h.attach(IncidentDao.class).addToTimeline(teamId, i.id(), TimelineEntry.ALERT, null, "✅ " + alertLine, now);
            if (lastFiring && i.cardOutboxId() != null) {
                IncidentViews.Card offer = IncidentViews.resolveOffer(i);
                outbox.post(h, OutboxMessage.of(teamId, i.channelId(), offer.text(), offer.blocks()).inThreadOf(i.cardOutboxId()));
            }
        });
        return open;
    }

    /** A rollback joined an open incident: its timeline says so and the reminder clock restarts. */
    void recordRollback(Handle h, Incident incident, String userId, String text, Instant now) {
        h.attach(IncidentDao.class).touch(incident.teamId(), incident.id(), now);
        record(h, incident, TimelineEntry.ROLLBACK, userId, text, now);
        h.attach(IncidentDao.class).find(incident.teamId(), incident.id()).ifPresent(this::replan);
    }

    /** A timeline entry that changes no state (an alert joined, a rollback finished): recorded and replied in the thread. */
    public void note(Handle h, Incident incident, String kind, String actorId, String text, Instant now) {
        record(h, incident, kind, actorId, text, now);
    }

    public Optional<Incident> bySeq(String teamId, long seq) {
        return jdbi.withExtension(IncidentDao.class, dao -> dao.findBySeq(teamId, seq));
    }

    public Optional<Incident> byId(String teamId, long id) {
        return jdbi.withExtension(IncidentDao.class, dao -> dao.find(teamId, id));
    }

    public List<TimelineEntry> timeline(String teamId, long incidentId) {
        return jdbi.withExtension(IncidentDao.class, dao -> dao.timeline(teamId, incidentId));
    }

    public Optional<Learning> learning(String teamId, long incidentId) {
        return jdbi.withExtension(IncidentDao.class, dao -> dao.learning(teamId, incidentId));
    }

    /** Open incidents, then those resolved in the last 30 days (at most 10), and which of them have a learning log. */
    public record Listing(List<Incident> open, List<Incident> recent, Set<Long> learned) {
    }

    public Listing list(String teamId) {
        return jdbi.withHandle(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            List<Incident> open = dao.open(teamId);
            List<Incident> recent = dao.resolvedSince(teamId, clock.instant().minus(RECENT), RECENT_LIMIT);
            Set<Long> learned = recent.isEmpty() ? Set.of()
                    : new HashSet<>(dao.withLearning(teamId, recent.stream().map(Incident::id).toList()));
            return new Listing(open, recent, learned);
        });
    }

    public Optional<String> knownService(String teamId, String word) {
        return jdbi.withHandle(h -> KnownServices.find(h, teamId, word));
    }

    // ---- the shape of every change

    /** A change's result: a timeline entry to record, or why it was refused. */
    record Step(String kind, String actorId, String text, String refusal) {
        static Step record(String kind, String actorId, String text) {
            return new Step(kind, actorId, text, null);
        }

        static Step refuse(String why) {
            return new Step(null, null, null, why);
        }
    }

    @FunctionalInterface
    interface Mutation {
        Step apply(Handle h, IncidentDao dao, Incident before, Instant now);
    }

    private Outcome change(String teamId, long incidentId, String requestKey, Mutation mutation) {
        Instant now = clock.instant();
        Outcome outcome = jdbi.inTransaction(h -> {
            if (requestKey != null && !RetryDedupe.firstTime(h, teamId, requestKey, now)) {
                return Outcome.repeated();
            }
            IncidentDao dao = h.attach(IncidentDao.class);
            Optional<Incident> before = dao.lock(teamId, incidentId); // one change of an incident at a time
            if (before.isEmpty()) {
                return Outcome.refused(null, "That incident is not in this workspace.");
            }
            Step step = mutation.apply(h, dao, before.get(), now);
            if (step.refusal() != null) {
                return Outcome.refused(before.get(), step.refusal());
            }
            Incident after = dao.find(teamId, incidentId).orElseThrow();
            record(h, after, step.kind(), step.actorId(), step.text(), now);
            replan(after);
            if (TimelineEntry.RESOLVED.equals(step.kind())) {
                after.owner().ifPresent(owner -> {
                    IncidentViews.Card ask = IncidentViews.learningRequest(after);
                    outbox.post(h, OutboxMessage.of(teamId, owner, ask.text(), ask.blocks()));
                });
            }
            return Outcome.changed(after);
        });
        outcome.incident().filter(i -> outcome.isChanged()).ifPresent(this::afterChange);
        return outcome;
    }

    /** Timeline row + its reply in the card's thread + the card's new state, in the caller's transaction. */
    private void record(Handle h, Incident incident, String kind, String actorId, String text, Instant now) {
        IncidentDao dao = h.attach(IncidentDao.class);
        dao.addToTimeline(incident.teamId(), incident.id(), kind, actorId, text, now);
        // locked: a card state read here is the newest until this transaction commits, so updates queue in order
        Incident current = dao.lock(incident.teamId(), incident.id()).orElseThrow();
        if (current.cardOutboxId() == null) {
            return;
        }
        reply(h, current, text, now);
        boolean learned = dao.learning(current.teamId(), current.id()).isPresent();
        IncidentViews.Card card = IncidentViews.card(current, learned);
        outbox.update(h, current.teamId(), current.cardOutboxId(), card.text(), card.blocks());
        if (current.mirrorOutboxId() != null) {
            outbox.update(h, current.teamId(), current.mirrorOutboxId(), card.text(), card.blocks());
        }
    }

    private void reply(Handle h, Incident incident, String text, Instant now) {
        outbox.post(h, OutboxMessage.of(incident.teamId(), incident.channelId(), IncidentViews.timelineReply(text, now), null)
                .inThreadOf(incident.cardOutboxId()));
    }

    /**
     * Plans (or, once resolved, cancels) the status reminder inside the change's transaction, so that no committed
     * change is left without its reminder; the job re-reads the incident, so a rolled-back change only leaves a
     * reminder that finds nothing to do.
     */
    void replan(Incident incident) {
        if (incident.isResolved()) {
            reminders.cancel(incident.teamId(), incident.id());
        } else {
            reminders.schedule(incident);
        }
    }

    /** After a change commits: its posts go out now, and the home tabs of the people it concerns follow. */
    void afterChange(Incident incident) {
        outbox.wake();
        List<String> people = new ArrayList<>();
        incident.owner().ifPresent(people::add);
        if (!Incident.ALERTMANAGER.equals(incident.declaredBy()) && !people.contains(incident.declaredBy())) {
            people.add(incident.declaredBy());
        }
        homes.changed(incident.teamId(), people);
    }

    private static List<String> keys(Set<IncidentStatus> statuses) {
        List<String> keys = new ArrayList<>();
        statuses.forEach(s -> keys.add(s.key()));
        return keys;
    }

    private static String person(String declaredBy) {
        return Incident.ALERTMANAGER.equals(declaredBy) ? null : declaredBy;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
