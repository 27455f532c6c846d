package io.devloop.tasks;

import io.devloop.db.Counters;
import io.devloop.home.HomeRefresh;
import io.devloop.loop.Loop;
import io.devloop.loop.LoopDao;
import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxMessage;
import io.devloop.slack.RetryDedupe;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sprint tasks: create with the next DO-id, complete, reopen, list. Reminders follow every change. */
public final class TaskService {
    static final String COUNTER = "task";

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final TaskReminders reminders;
    private final Clock clock;
    private final HomeRefresh homes;

    public TaskService(Jdbi jdbi, Outbox outbox, TaskReminders reminders, Clock clock) {
        this(jdbi, outbox, reminders, clock, HomeRefresh.NONE);
    }

    /** @param homes told after each committed change, so the assignees' home tabs show it */
    public TaskService(Jdbi jdbi, Outbox outbox, TaskReminders reminders, Clock clock, HomeRefresh homes) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.reminders = reminders;
        this.clock = clock;
        this.homes = homes;
    }

    /** A task as the add form gives it, before it has an id. */
    public record Draft(String channelId, Long loopId, String title, Tier tier, int points, String assigneeId,
                        Instant dueAt, String dueZone, String remindBefore, String steps, String successCriteria) {
    }

    /** Creates the task with the team's next DO-id; empty when this request was already handled (a retry). */
    public Optional<Task> create(String teamId, String createdBy, Draft d, String requestKey) {
        Instant now = clock.instant();
        Optional<Task> created = jdbi.inTransaction(h -> {
            if (!RetryDedupe.firstTime(h, teamId, requestKey, now)) {
                return Optional.empty();
            }
            return Optional.of(createIn(h, teamId, createdBy, d, now));
        });
        created.ifPresent(this::created);
        return created;
    }

    /** Creates the task in the caller's transaction (announced through the outbox); call {@link #created} after the commit. */
    public Task createIn(org.jdbi.v3.core.Handle h, String teamId, String createdBy, Draft d, Instant now) {
        long seq = Counters.next(h, teamId, COUNTER);
        TaskDao dao = h.attach(TaskDao.class);
        Long loopId = d.loopId() == null ? null
                : h.attach(LoopDao.class).find(teamId, d.loopId()).map(Loop::id).orElse(null); // another team's id: no loop
        long id = dao.insert(new Task(0, teamId, seq, d.channelId(), loopId, d.title(), d.tier().key(), d.points(),
                d.assigneeId(), d.dueAt(), d.dueZone(), d.remindBefore(), d.steps(), d.successCriteria(), Task.OPEN,
                null, null, createdBy, now, now));
        Task task = dao.find(teamId, id).orElseThrow();
        String loopName = loopId == null ? null
                : h.attach(LoopDao.class).find(teamId, loopId).map(l -> l.displayId() + " " + l.feature()).orElse(null);
        outbox.post(h, OutboxMessage.of(teamId, task.channelId(), TaskViews.added(task, loopName), null).requestedBy(createdBy));
        return task;
    }

    /** After a created task's transaction commits: its announcement goes out, its reminders and home tab follow. */
    public void created(Task t) {
        outbox.wake();
        reminders.schedule(t);
        homes.changed(t.teamId(), java.util.Collections.singletonList(t.assigneeId())); // may be unassigned
    }

    /**
     * Saves an edited task; a new assignee or due time reschedules its reminders. Empty when the task is not in
     * this team (nothing is saved).
     */
    public Optional<Task> update(String teamId, long taskId, Draft d) {
        Instant now = clock.instant();
        List<String> previousAssignee = new java.util.ArrayList<>(1);
        Optional<Task> updated = jdbi.inTransaction(h -> {
            TaskDao dao = h.attach(TaskDao.class);
            Optional<Task> old = dao.find(teamId, taskId);
            if (old.isEmpty()) {
                return Optional.empty();
            }
            previousAssignee.add(old.get().assigneeId());
            Long loopId = d.loopId() == null ? null
                    : h.attach(LoopDao.class).find(teamId, d.loopId()).map(Loop::id).orElse(null);
            Task t = old.get();
            dao.update(new Task(t.id(), teamId, t.seq(), t.channelId(), loopId, d.title(), d.tier().key(), d.points(),
                    d.assigneeId(), d.dueAt(), d.dueZone(), d.remindBefore(), d.steps(), d.successCriteria(), t.status(),
                    t.doneAt(), t.doneBy(), t.createdBy(), t.createdAt(), now));
            return dao.find(teamId, taskId);
        });
        updated.filter(t -> !t.isDone()).ifPresent(reminders::schedule);
        updated.ifPresent(t -> homes.changed(teamId, java.util.stream.Stream.concat(previousAssignee.stream(),
                java.util.stream.Stream.of(t.assigneeId())).toList())); // a reassigned task leaves one tab, joins another
        return updated;
    }

    /** What became of a done or reopen request. */
    public enum Change { CHANGED, ALREADY, NOT_FOUND }

    public Change complete(String teamId, long seq, String userId) {
        Optional<Task> task = bySeq(teamId, seq);
        if (task.isEmpty()) {
            return Change.NOT_FOUND;
        }
        boolean changed = jdbi.inTransaction(h -> {
            if (h.attach(TaskDao.class).complete(teamId, task.get().id(), userId, clock.instant()) != 1) {
                return false;
            }
            outbox.post(h, OutboxMessage.of(teamId, task.get().channelId(), TaskViews.completed(task.get(), userId), null));
            return true;
        });
        reminders.cancel(teamId, task.get().id()); // also when it was done already: nothing must remind of it
        if (changed) {
            outbox.wake();
            homes.changed(teamId, java.util.Collections.singletonList(task.get().assigneeId()));
        }
        return changed ? Change.CHANGED : Change.ALREADY;
    }

    public Change reopen(String teamId, long seq) {
        Optional<Task> task = bySeq(teamId, seq);
        if (task.isEmpty()) {
            return Change.NOT_FOUND;
        }
        int changed = jdbi.withExtension(TaskDao.class, dao -> dao.reopen(teamId, task.get().id(), clock.instant()));
        if (changed == 1) {
            bySeq(teamId, seq).ifPresent(reminders::schedule);
            homes.changed(teamId, java.util.Collections.singletonList(task.get().assigneeId()));
        }
        return changed == 1 ? Change.CHANGED : Change.ALREADY;
    }

    public Optional<Task> bySeq(String teamId, long seq) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.findBySeq(teamId, seq));
    }

    public Optional<Task> byId(String teamId, long id) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.find(teamId, id));
    }

    public List<Task> inChannel(String teamId, String channelId) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.inChannel(teamId, channelId));
    }

    public List<Task> assignedTo(String teamId, String userId) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.assignedTo(teamId, userId));
    }

    public List<Task> all(String teamId) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.all(teamId));
    }

    public List<Task> ofLoop(String teamId, long loopId) {
        return jdbi.withExtension(TaskDao.class, dao -> dao.ofLoop(teamId, loopId));
    }
}
