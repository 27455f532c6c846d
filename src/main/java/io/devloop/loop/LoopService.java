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
            String ts = jdbi.withExtension(LoopDao.class, dao -> dao.cardTs(teamId, taken.loop.id())).orElse(null);
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

    public java.util.Optional<Loop> find(String teamId, long loopId) {
        return jdbi.withExtension(LoopDao.class, dao -> dao.find(teamId, loopId));
    }
}
