package io.devloop.home;

import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import io.devloop.slack.BotTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes home tabs (views.publish) off the request threads. Refreshes are coalesced per person: while one is
 * waiting to run, more changes for that person add nothing, and the one that runs reads the state as it is then.
 * views.publish is not a chat post, so it does not go through the outbox: a lost publish only leaves a tab stale
 * until the next change or the next time the person opens it. On 429 it tries again after Retry-After.
 */
public final class HomePublisher implements HomeRefresh, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HomePublisher.class);
    /** Long enough to fold a burst (a form saving several tasks, an incident changing twice) into one publish. */
    private static final long COALESCE_MILLIS = 500;

    private final HomeService homes;
    private final Slack slack;
    private final BotTokens tokens;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /**
     * One thread: home tabs are a background nicety, so a burst of changes for many people (a bulk import) must not
     * compete with request handling for the CPU and the pool; and views.publish is rate-limited per workspace anyway.
     */
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "home-publisher");
        t.setDaemon(true);
        return t;
    });

    public HomePublisher(HomeService homes, Slack slack, BotTokens tokens) {
        this.homes = homes;
        this.slack = slack;
        this.tokens = tokens;
    }

    @Override
    public void changed(String teamId, Collection<String> userIds) {
        userIds.stream().filter(Objects::nonNull).distinct().forEach(user -> schedule(teamId, user, COALESCE_MILLIS));
    }

    private void schedule(String teamId, String userId, long delayMillis) {
        if (pending.add(teamId + "/" + userId)) {
            executor.schedule(() -> publish(teamId, userId), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void publish(String teamId, String userId) {
        pending.remove(teamId + "/" + userId); // a change from now on schedules another publish
        try {
            var view = HomeViews.home(homes.home(teamId, userId));
            var r = slack.methods(tokens.forTeam(teamId)).viewsPublish(req -> req.userId(userId).view(view));
            if (!r.isOk()) {
                log.warn("views.publish of the home tab team={} user={} failed: {}", teamId, userId, r.getError());
            }
        } catch (SlackApiException e) {
            if (e.getResponse().code() == 429) {
                long seconds = parseSeconds(e.getResponse().header("Retry-After"));
                log.info("views.publish rate-limited; home tab of user={} again in {} s", userId, seconds);
                schedule(teamId, userId, TimeUnit.SECONDS.toMillis(seconds));
            } else {
                log.warn("views.publish of the home tab team={} user={} failed: {}", teamId, userId, e.getMessage());
            }
        } catch (Exception e) {
            log.warn("publishing the home tab team={} user={} failed", teamId, userId, e);
        }
    }

    private static long parseSeconds(String header) {
        try {
            return header == null ? 30 : Math.max(1, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 30;
        }
    }

    /**
     * Drops the publishes still waiting and lets a running one finish: no interrupt, which would close H2's file
     * channel if it landed inside a database read. A stale home tab is refreshed by the next change.
     */
    @Override
    public void close() {
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("a home tab publish was still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
