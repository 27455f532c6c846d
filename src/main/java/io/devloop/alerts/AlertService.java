package io.devloop.alerts;

import com.google.gson.Gson;
import io.devloop.alerts.AlertmanagerPayload.Notification;
import io.devloop.db.InsertIfAbsent;
import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxMessage;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.Optional;

/**
 * Alertmanager intake: one message per alert fingerprint, updated in place as it resolves; a storm (more than
 * {@value #OWN_MESSAGES} alerts of a group firing at once) lists the rest on one group message. Every notification
 * is one transaction: dedupe keys, alert rows, outbox rows, and the incidents domain's calls.
 */
public final class AlertService {
    /** Alerts of one group that get a message each while they fire. */
    static final int OWN_MESSAGES = 10;
    private static final Gson GSON = new Gson();

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final AlertIncidents incidents;
    private final Map<String, Integer> incidentSeverities;
    private final String fallbackChannel;
    private final Clock clock;
    private final Counter firingIngested;
    private final Counter resolvedIngested;
    private final Counter duplicates;

    /** What one notification did. */
    public record Result(int alerts, int processed, int duplicates, int unrouted) {
    }

    public AlertService(Jdbi jdbi, Outbox outbox, AlertIncidents incidents, Map<String, Integer> incidentSeverities,
                        String fallbackChannel, MeterRegistry registry, Clock clock) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.incidents = incidents;
        this.incidentSeverities = incidentSeverities;
        this.fallbackChannel = fallbackChannel;
        this.clock = clock;
        this.firingIngested = ingested(registry, Alert.FIRING);
        this.resolvedIngested = ingested(registry, Alert.RESOLVED);
        this.duplicates = Counter.builder("devloop.alerts.duplicates")
                .description("alert deliveries already processed (Alertmanager repeats and retries)").register(registry);
    }

    private static Counter ingested(MeterRegistry registry, String status) {
        return Counter.builder("devloop.alerts.ingested").description("alerts processed from Alertmanager (first delivery)")
                .tag("status", status).register(registry);
    }

    public Result ingest(String teamId, Notification n) {
        Instant now = clock.instant();
        // a known group (every repeat of a notification) takes one transaction; a new group's row is first inserted in
        // its own short one, so that it exists to be locked (H2 cannot lock a row another transaction inserts)
        Result result = jdbi.inTransaction(h -> h.attach(AlertDao.class).lockGroup(teamId, n.groupKey())
                .map(group -> new Ingest(h, teamId, n, now).run(group)).orElse(null));
        if (result == null) {
            jdbi.useExtension(AlertDao.class, dao -> InsertIfAbsent.run(() -> dao.insertGroupIfAbsent(teamId, n.groupKey(), now)));
            result = jdbi.inTransaction(h -> new Ingest(h, teamId, n, now)
                    .run(h.attach(AlertDao.class).lockGroup(teamId, n.groupKey()).orElseThrow()));
        }
        if (result.processed() > 0) {
            outbox.wake();
        }
        duplicates.increment(result.duplicates());
        return result;
    }

    /** One notification inside its transaction, holding the group's lock. */
    private final class Ingest {
        private final Handle h;
        private final AlertDao dao;
        private final String teamId;
        private final Notification n;
        private final Instant now;
        private final Routing routing;
        private final RollbackCriteria criteria;
        private AlertGroup group;
        private int ownFiring;
        private Long activeStorm;
        private boolean stormChanged;
        private boolean stormPending;
        private String stormChannel;
        private String lastChannel;
        private final List<Alert> stormInserts = new java.util.ArrayList<>();
        /** New alerts that get their own message: inserted, posted and linked in three batches after the loop. */
        private final List<Alert> ownInserts = new java.util.ArrayList<>();

        Ingest(Handle h, String teamId, Notification n, Instant now) {
            this.h = h;
            this.dao = h.attach(AlertDao.class);
            this.teamId = teamId;
            this.n = n;
            this.now = now;
            this.routing = new Routing(h, teamId, fallbackChannel);
            this.criteria = new RollbackCriteria(h, teamId);
        }

        /** @param locked the group's row, locked by this transaction */
        Result run(AlertGroup locked) {
            group = locked;
            ownFiring = dao.firingWithOwnMessage(teamId, group.id());
            // a storm lasts while something it lists fires, or while Alertmanager still leaves alerts out
            activeStorm = group.stormOutboxId() != null
                    && (group.truncatedAlerts() > 0 || dao.firingInStorm(teamId, group.stormOutboxId()) > 0)
                    ? group.stormOutboxId() : null;
            int processed = 0;
            int dups = 0;
            int unrouted = 0;
            List<AlertmanagerPayload.Alert> fresh = WebhookDedupe.firstTimes(h, teamId, n.alerts(), now);
            dups += n.alerts().size() - fresh.size();
            Map<String, Alert> known = fresh.isEmpty() ? Map.of() : dao.byFingerprints(teamId,
                    fresh.stream().map(AlertmanagerPayload.Alert::fingerprint).toList()).stream()
                    .collect(Collectors.toMap(Alert::fingerprint, a -> a));
            for (AlertmanagerPayload.Alert a : fresh) {
                Optional<Alert> existing = Optional.ofNullable(known.get(a.fingerprint()));
                boolean sameEpisode = existing.isPresent() && existing.get().startsAt().equals(a.startsAt());
                if (sameEpisode && existing.get().firing() == a.firing()) {
                    dups++; // e.g. its dedupe key was trimmed by housekeeping while it kept firing
                    continue;
                }
                processed++;
                (a.firing() ? firingIngested : resolvedIngested).increment();
                Alert alert = sameEpisode ? changeStatus(existing.get(), a) : newEpisode(existing, a);
                if (alert.channelId() == null) {
                    unrouted++;
                }
            }
            postOwnMessages();
            if (!stormInserts.isEmpty()) {
                dao.insertAll(stormInserts);
            }
            boolean truncatedChanged = n.truncatedAlerts() != group.truncatedAlerts();
            if (stormPending || (n.truncatedAlerts() > 0 && activeStorm == null && lastChannel != null)) {
                postStorm();
            } else if (activeStorm != null && (stormChanged || truncatedChanged)) {
                List<Alert> listed = dao.inStorm(teamId, activeStorm);
                outbox.update(h, teamId, activeStorm, AlertViews.stormText(listed, n.truncatedAlerts()),
                        AlertViews.storm(listed, n.truncatedAlerts(), n.externalUrl()));
            }
            if (processed > 0 || truncatedChanged || !Objects.equals(n.externalUrl(), group.externalUrl())) {
                dao.updateGroup(new AlertGroup(group.id(), teamId, group.groupKey(),
                        stormChannel == null ? group.channelId() : stormChannel, activeStorm == null ? group.stormOutboxId() : activeStorm,
                        n.truncatedAlerts(), n.externalUrl(), group.createdAt(), now));
            }
            return new Result(n.alerts().size(), processed, dups, unrouted);
        }

        private Alert newEpisode(Optional<Alert> previous, AlertmanagerPayload.Alert a) {
            String service = a.label("service");
            String severity = a.label("severity");
            int sev = severity == null ? 0 : incidentSeverities.getOrDefault(severity.toLowerCase(Locale.ROOT), 0);
            String summary = summary(a);
            String channel = routing.channel(a.label("slack_channel"), service);
            AlertEvent event = new AlertEvent(teamId, channel, n.groupKey(), a.fingerprint(), a.label("alertname"), service,
                    severity, sev, summary, a.startsAt(), a.endsAt(), a.generatorUrl());
            String incidentRef = null;
            String breach = null;
            if (a.firing()) {
                incidentRef = sev > 0 ? incidents.firing(h, event).orElse(null) : null;
                breach = criteria.breach(service, event.alertName(), summary).orElse(null);
            } else {
                incidents.resolved(h, event);
            }
            Alert alert = new Alert(previous.map(Alert::id).orElse(0L), teamId, a.fingerprint(), group.id(), channel,
                    SlackText.truncate(event.alertName(), 300), SlackText.truncate(service, 200), SlackText.truncate(severity, 50), sev, SlackText.truncate(summary, 3000),
                    GSON.toJson(a.labels()), SlackText.truncate(a.generatorUrl(), 2000), SlackText.truncate(a.annotation("runbook_url"), 2000),
                    a.firing() ? Alert.FIRING : Alert.RESOLVED, a.startsAt(), a.endsAt(), incidentRef, SlackText.truncate(breach, 3000),
                    null, null, null, null, null, null, now);
            boolean inStorm = channel != null && (activeStorm != null || stormPending || ownFiring >= OWN_MESSAGES);
            if (inStorm) {
                if (activeStorm != null) {
                    stormChanged = true;
                } else {
                    stormPending = true; // listed on the group message posted at the end of this notification
                    stormChannel = stormChannel == null ? channel : stormChannel;
                }
                alert = alert.withMessage(null, activeStorm != null ? activeStorm : 0L);
            }
            if (channel != null) {
                lastChannel = channel;
            }
            if (previous.isEmpty() && inStorm) {
                stormInserts.add(alert); // no buttons, so no id needed yet: inserted in one batch after the loop
                return alert;
            }
            if (previous.isEmpty() && channel != null) {
                ownInserts.add(alert); // its message (buttons carry its id) is queued by postOwnMessages
                if (a.firing()) {
                    ownFiring++;
                }
                return alert;
            }
            if (previous.isEmpty()) {
                return alert.withId(dao.insert(alert)); // unrouted: stored, with nowhere to post it
            }
            if (channel != null && !inStorm) {
                long message = outbox.post(h, OutboxMessage.of(teamId, channel, AlertViews.text(alert),
                        AlertViews.message(alert)).asAnchor());
                alert = alert.withMessage(message, null);
                if (a.firing()) {
                    ownFiring++;
                }
            }
            dao.replaceEpisode(alert);
            return alert;
        }

        private Alert changeStatus(Alert old, AlertmanagerPayload.Alert a) {
            AlertEvent event = new AlertEvent(teamId, old.channelId(), n.groupKey(), old.fingerprint(), old.alertName(),
                    old.service(), old.severity(), old.incidentSeverity(), old.summary(), a.startsAt(), a.endsAt(),
                    old.generatorUrl());
            String incidentRef = null;
            if (a.firing()) {
                incidentRef = old.incidentSeverity() > 0 ? incidents.firing(h, event).orElse(null) : null;
            } else {
                incidents.resolved(h, event);
            }
            Instant endsAt = a.firing() ? null : (a.endsAt() == null ? now : a.endsAt());
            dao.changeStatus(teamId, old.id(), a.firing() ? Alert.FIRING : Alert.RESOLVED, endsAt, incidentRef, now);
            Alert alert = dao.find(teamId, old.id()).orElseThrow();
            if (alert.messageOutboxId() != null) {
                outbox.update(h, teamId, alert.messageOutboxId(), AlertViews.text(alert), AlertViews.message(alert));
                ownFiring += a.firing() ? 1 : -1;
            } else if (alert.stormOutboxId() != null && alert.stormOutboxId().equals(activeStorm)) {
                stormChanged = true;
            } else if (alert.stormOutboxId() != null && alert.stormOutboxId() != 0L) {
                // a storm that is over (nothing of it fires): its message still shows this alert's state
                long storm = alert.stormOutboxId();
                outbox.update(h, teamId, storm, AlertViews.stormText(dao.inStorm(teamId, storm), 0),
                        AlertViews.storm(dao.inStorm(teamId, storm), 0, n.externalUrl()));
            }
            return alert;
        }

        /** The new alerts' own messages, queued before the group message so that a channel shows them first. */
        private void postOwnMessages() {
            if (ownInserts.isEmpty()) {
                return;
            }
            long[] ids = dao.insertAll(ownInserts);
            List<Alert> inserted = new java.util.ArrayList<>();
            List<OutboxMessage> messages = new java.util.ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                Alert alert = ownInserts.get(i).withId(ids[i]);
                inserted.add(alert);
                messages.add(OutboxMessage.of(teamId, alert.channelId(), AlertViews.text(alert), AlertViews.message(alert))
                        .asAnchor());
            }
            long[] messageIds = outbox.postAll(h, messages);
            List<Alert> linked = new java.util.ArrayList<>();
            for (int i = 0; i < messageIds.length; i++) {
                linked.add(inserted.get(i).withMessage(messageIds[i], null));
            }
            dao.setMessages(linked);
        }

        private void postStorm() {
            var listed = dao.pendingStorm(teamId, group.id());
            String channel = stormChannel != null ? stormChannel : lastChannel;
            stormChannel = channel;
            long id = outbox.post(h, OutboxMessage.of(teamId, channel, AlertViews.stormText(listed, n.truncatedAlerts()),
                    AlertViews.storm(listed, n.truncatedAlerts(), n.externalUrl())).asAnchor());
            dao.attachToStorm(teamId, group.id(), id);
            activeStorm = id;
        }
    }

    /** The alert's one-line description: its summary annotation, else its description, else nothing. */
    private static String summary(AlertmanagerPayload.Alert a) {
        String s = a.annotation("summary");
        if (s == null || s.isBlank()) {
            s = a.annotation("description");
        }
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Someone clicked Acknowledge: recorded once, the message shows who. False when it was already acknowledged. */
    public boolean acknowledge(String teamId, long alertId, String userId, String requestKey) {
        return change(teamId, alertId, requestKey, (dao, now) -> dao.acknowledge(teamId, alertId, userId, now));
    }

    /** A silence note (the silence itself is made in Alertmanager): shown on the alert's message. */
    public boolean silenceNote(String teamId, long alertId, String userId, String note, String requestKey) {
        return change(teamId, alertId, requestKey, (dao, now) -> dao.silenceNote(teamId, alertId, userId, note, now));
    }

    /** A person's change to an alert, applied once per request, with its message queued in the new state. */
    private boolean change(String teamId, long alertId, String requestKey, java.util.function.ToIntBiFunction<AlertDao, Instant> update) {
        Instant now = clock.instant();
        boolean changed = jdbi.inTransaction(h -> RetryDedupe.firstTime(h, teamId, requestKey, now)
                && update.applyAsInt(h.attach(AlertDao.class), now) == 1
                && refresh(h, teamId, alertId));
        if (changed) {
            outbox.wake();
        }
        return changed;
    }

    /** `/devloop alerts route <service> #channel`: the later command wins. */
    public void route(String teamId, String service, String channelId, String userId) {
        jdbi.useExtension(RouteDao.class, dao -> dao.upsert(new RouteDao.Route(teamId, service, channelId, userId,
                clock.instant())));
    }

    public List<RouteDao.Route> routes(String teamId) {
        return jdbi.withExtension(RouteDao.class, dao -> dao.all(teamId));
    }

    public Optional<Alert> find(String teamId, long alertId) {
        return jdbi.withExtension(AlertDao.class, dao -> dao.find(teamId, alertId));
    }

    /** Queues the alert's message in its new state (its own message; a group message shows no acks or notes). */
    private boolean refresh(Handle h, String teamId, long alertId) {
        Alert alert = h.attach(AlertDao.class).find(teamId, alertId).orElseThrow();
        if (alert.messageOutboxId() != null) {
            outbox.update(h, teamId, alert.messageOutboxId(), AlertViews.text(alert), AlertViews.message(alert));
        }
        return true;
    }
}
