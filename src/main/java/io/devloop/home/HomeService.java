package io.devloop.home;

import io.devloop.loop.Loop;
import io.devloop.loop.LoopSnapshot;
import io.devloop.loop.LoopSnapshots;
import io.devloop.loop.Score;
import io.devloop.tasks.Task;
import io.devloop.tasks.TaskDao;
import io.devloop.tasks.UserZones;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one person's home tab shows, read fresh each time it is published. */
public final class HomeService {
    static final int TASK_LIMIT = 15;
    static final int INCIDENT_LIMIT = 10;
    static final int LOOP_LIMIT = 10;

    private final Jdbi jdbi;
    private final UserZones zones;
    private final Clock clock;

    public HomeService(Jdbi jdbi, UserZones zones, Clock clock) {
        this.jdbi = jdbi;
        this.zones = zones;
        this.clock = clock;
    }

    /** A loop on the home tab, with its completeness score. */
    public record LoopScore(Loop loop, int score, boolean passing) {
    }

    /** {@code openTasks} counts all of them; {@code tasks} holds the first {@link #TASK_LIMIT}, overdue first. */
    public record Home(String userId, ZoneId zone, Instant now, List<Task> tasks, int openTasks,
                       List<HomeIncident> incidents, List<LoopScore> loops) {
    }

    public Home home(String teamId, String userId) {
        Instant now = clock.instant();
        List<Task> open = jdbi.withExtension(TaskDao.class, dao -> dao.assignedTo(teamId, userId)).stream().filter(t -> !t.isDone())
                .sorted(Comparator.comparing((Task t) -> !t.isOverdue(now))
                        .thenComparing(Task::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Task::seq))
                .toList();
        return jdbi.withHandle(h -> {
            HomeDao dao = h.attach(HomeDao.class);
            List<LoopScore> loops = dao.loopsOf(teamId, userId, "%" + userId + "%", LOOP_LIMIT * 2).stream()
                    .map(l -> LoopSnapshots.load(h, teamId, l.id()).orElseThrow())
                    .filter(s -> takesPart(s, userId))
                    .limit(LOOP_LIMIT)
                    .map(s -> {
                        Score score = Score.of(s);
                        return new LoopScore(s.loop(), score.total(), score.passing());
                    })
                    .toList();
            // "channels I use": where my tasks and my loops live
            Set<String> channels = new LinkedHashSet<>();
            open.forEach(t -> channels.add(t.channelId()));
            loops.forEach(l -> channels.add(l.loop().channelId()));
            List<HomeIncident> incidents = dao.openIncidents(teamId, userId, channels, INCIDENT_LIMIT);
            return new Home(userId, zones.of(teamId, userId), now, open.stream().limit(TASK_LIMIT).toList(), open.size(),
                    incidents, loops);
        });
    }

    private static boolean takesPart(LoopSnapshot s, String userId) {
        return s.loop().ownerId().equals(userId)
                || s.phases().values().stream().anyMatch(a -> a.ownerIds().contains(userId));
    }
}
