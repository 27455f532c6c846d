package io.devloop.loop;

import io.devloop.db.Counters;
import io.devloop.slack.Outbox;
import io.devloop.slack.RetryDedupe;
import io.devloop.slack.SlackText;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/** Opening loops and keeping their cards; plain data in and out. */
public final class LoopService {
    public static final int MAX_FEATURE_LENGTH = 150;
    static final String COUNTER = "loop";

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;
    private final LoopCards cards;

    public LoopService(Jdbi jdbi, Outbox outbox, Clock clock, LoopCards cards) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
        this.cards = cards;
    }

    /** What became of a `plan` request. */
    public sealed interface PlanResult {
        record Created(Loop loop) implements PlanResult { }
        /** The channel already has a loop for this feature; {@code cardTs} is null until its card is delivered. */
        record AlreadyExists(Loop loop, String cardTs) implements PlanResult { }
        /** The same request delivered twice; the first delivery did the work. */
        record Repeat() implements PlanResult { }
        record Invalid(String problem) implements PlanResult { }
    }

    public PlanResult plan(String teamId, String channelId, String ownerId, String rawFeature, String requestKey) {
        String feature = SlackText.clean(rawFeature);
        if (feature.isEmpty()) {
            return new PlanResult.Invalid("Which feature is the loop for? Give it a name.");
        }
        if (SlackText.length(feature) > MAX_FEATURE_LENGTH) {
            return new PlanResult.Invalid("That feature name is " + SlackText.length(feature) + " characters long;"
                    + " keep it to " + MAX_FEATURE_LENGTH + " (it becomes the loop card's title).");
        }
        String key = feature.toLowerCase(Locale.ROOT);
        try {
            PlanResult result = jdbi.inTransaction(h -> create(h, teamId, channelId, ownerId, feature, key, requestKey));
            outbox.wake();
            return result;
        } catch (FeatureTaken taken) {
            String ts = cardTs(teamId, taken.loop.id()).orElse(null);
            return new PlanResult.AlreadyExists(taken.loop, ts);
        }
    }

    private PlanResult create(Handle h, String teamId, String channelId, String ownerId, String feature, String key,
                              String requestKey) {
        Instant now = clock.instant();
        if (!RetryDedupe.firstTime(h, teamId, requestKey, now)) {
            return new PlanResult.Repeat();
        }
        LoopDao loops = h.attach(LoopDao.class);
        // the counter's row lock serialises a team's creates, so this check cannot race another plan
        long seq = Counters.next(h, teamId, COUNTER);
        loops.findByFeature(teamId, channelId, key).ifPresent(existing -> {
            throw new FeatureTaken(existing); // rolls back the counter (no gap) and the dedupe key
        });
        long id = loops.insert(teamId, seq, channelId, feature, key, ownerId, now);
        cards.post(h, loops.find(teamId, id).orElseThrow(), ownerId);
        return new PlanResult.Created(loops.find(teamId, id).orElseThrow());
    }

    /** Thrown inside the transaction to roll it back when the feature already has a loop here. */
    private static final class FeatureTaken extends RuntimeException {
        private final transient Loop loop;

        FeatureTaken(Loop loop) {
            super(null, null, false, false);
            this.loop = loop;
        }
    }

    /** A loop's line in `/devloop status`. */
    public record LoopStatus(Loop loop, Score score, int phasesDone) {
    }

    public java.util.List<LoopStatus> status(String teamId, String channelId) {
        return jdbi.withHandle(h -> h.attach(LoopDao.class).inChannel(teamId, channelId).stream()
                .map(loop -> LoopSnapshots.load(h, teamId, loop.id()).orElseThrow())
                .map(s -> new LoopStatus(s.loop(), Score.of(s), s.phases().size()))
                .toList());
    }

    /**
     * Posts the loop's card again (at the bottom of the channel, where people look) and turns the old card into
     * a pointer to it, so only one card stays live.
     */
    public void repost(String teamId, long loopId, String requesterId) {
        jdbi.useTransaction(h -> {
            Loop loop = h.attach(LoopDao.class).find(teamId, loopId).orElseThrow();
            Long old = loop.cardOutboxId();
            cards.post(h, loop, requesterId);
            if (old != null) {
                outbox.update(h, teamId, old, loop.displayId() + " moved", LoopViews.movedCard(loop));
            }
        });
        outbox.wake();
    }

    public java.util.Optional<String> cardTs(String teamId, long loopId) {
        return jdbi.withExtension(LoopDao.class, dao -> dao.cardTs(teamId, loopId));
    }

    Jdbi jdbi() {
        return jdbi;
    }

    public java.util.Optional<Loop> find(String teamId, long loopId) {
        return jdbi.withExtension(LoopDao.class, dao -> dao.find(teamId, loopId));
    }
}
