package io.devloop.tasks;

import com.slack.api.Slack;
import io.devloop.slack.BotTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user's time zone from Slack's users.info ({@code user.tz}, an IANA id: DST-correct, unlike the offset), cached
 * per user for an hour; the fallback is DEVLOOP_TZ when Slack does not say or cannot be asked.
 */
public final class UserZones {
    private static final Logger log = LoggerFactory.getLogger(UserZones.class);
    private static final Duration TTL = Duration.ofHours(1);

    private final Slack slack;
    private final BotTokens tokens;
    private final ZoneId fallback;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public UserZones(Slack slack, BotTokens tokens, ZoneId fallback, Clock clock) {
        this.slack = slack;
        this.tokens = tokens;
        this.fallback = fallback;
        this.clock = clock;
    }

    private record Cached(ZoneId zone, Instant until) {
    }

    public ZoneId of(String teamId, String userId) {
        if (userId == null) {
            return fallback;
        }
        String key = teamId + "/" + userId;
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && hit.until().isAfter(now)) {
            return hit.zone();
        }
        ZoneId zone = lookUp(teamId, userId);
        cache.put(key, new Cached(zone, now.plus(TTL)));
        return zone;
    }

    public ZoneId fallback() {
        return fallback;
    }

    private ZoneId lookUp(String teamId, String userId) {
        try {
            var r = slack.methods(tokens.forTeam(teamId)).usersInfo(req -> req.user(userId));
            if (r.isOk() && r.getUser() != null && r.getUser().getTz() != null) {
                return ZoneId.of(r.getUser().getTz());
            }
            log.info("users.info for {} gave no time zone ({}); using {}", userId, r.getError(), fallback);
        } catch (DateTimeException e) {
            log.info("users.info for {} gave an unknown zone; using {}", userId, fallback);
        } catch (Exception e) {
            log.warn("users.info for {} failed; using {}: {}", userId, fallback, e.toString());
        }
        return fallback;
    }
}
