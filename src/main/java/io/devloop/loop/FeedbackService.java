package io.devloop.loop;

import io.devloop.slack.Forms;
import io.devloop.slack.RetryDedupe;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Feedback loops of a loop: the rules an entry must meet, and saving / removing entries with the card kept current. */
public final class FeedbackService {

    /** How fast the information arrives; the value is what the table stores. */
    public enum Speed {
        IMMEDIATE("immediate", "Immediate (seconds)"), MINUTES("minutes", "Minutes"), HOURS("hours", "Hours"),
        DAYS("days", "Days");

        private final String value;
        private final String label;

        Speed(String value, String label) {
            this.value = value;
            this.label = label;
        }

        public String value() {
            return value;
        }

        public String label() {
            return label;
        }

        public static Optional<Speed> parse(String value) {
            for (Speed s : values()) {
                if (s.value.equals(value)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    private final Jdbi jdbi;
    private final LoopCards cards;
    private final Clock clock;

    public FeedbackService(Jdbi jdbi, LoopCards cards, Clock clock) {
        this.jdbi = jdbi;
        this.cards = cards;
        this.clock = clock;
    }

    /**
     * Feedback flows back: from a later phase to an earlier one. Monitor → Plan, the feedback that closes the loop
     * and starts the next turn, is named on its own so the rule reads like the exercise states it.
     *
     * @return the problem in the user's words, or empty when the direction is fine
     */
    public static Optional<String> directionProblem(Phase from, Phase to) {
        if (from == to) {
            return Optional.of("Pick two different phases: feedback goes from one phase back to another.");
        }
        if (from == Phase.MONITOR && to == Phase.PLAN) {
            return Optional.empty();
        }
        if (from.ordinal() < to.ordinal()) {
            return Optional.of(from.label() + " comes before " + to.label() + " in the loop, so this would flow forward."
                    + " Feedback goes back to an earlier phase: try " + to.label() + " → " + from.label() + ".");
        }
        return Optional.empty();
    }

    /** Inline errors keyed by the form's field ids; empty when the draft can be stored. */
    public static Map<String, String> validate(FeedbackDraft d) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Phase> from = phase(d.fromPhase());
        Optional<Phase> to = phase(d.toPhase());
        if (from.isEmpty()) {
            errors.put(FeedbackForm.FROM.id(), "Choose the phase the information comes from.");
        }
        if (to.isEmpty()) {
            errors.put(FeedbackForm.TO.id(), "Choose the phase the information flows back to.");
        }
        if (from.isPresent() && to.isPresent()) {
            directionProblem(from.get(), to.get()).ifPresent(problem -> errors.put(FeedbackForm.TO.id(), problem));
        }
        Forms.require(FeedbackForm.INFORMATION, d.information(), errors);
        Forms.require(FeedbackForm.CHANNEL, d.channel(), errors);
        if (Speed.parse(d.speed()).isEmpty()) {
            errors.put(FeedbackForm.SPEED.id(), "Choose how fast the information arrives.");
        }
        Forms.require(FeedbackForm.EXAMPLE, d.example(), errors);
        return errors;
    }

    /** What became of a save. */
    public sealed interface SaveResult {
        record Saved(long entryId) implements SaveResult { }
        /** The loop is not this team's (or is gone): nothing stored. */
        record Ignored() implements SaveResult { }
        /** The same submission delivered twice; the first delivery stored it. */
        record Repeat() implements SaveResult { }
    }

    /**
     * Stores a validated draft and queues the card's new state, in one transaction. {@code entryId} null adds an
     * entry; an entry id that is not in this team's loop (removed meanwhile, or forged) is added as a new entry of
     * the loop, so what the user typed is not lost and no other team's row is touched.
     */
    public SaveResult save(String teamId, String editorId, long loopId, Long entryId, FeedbackDraft d, String requestKey) {
        if (!validate(d).isEmpty()) {
            throw new IllegalArgumentException("validate the draft before saving it");
        }
        SaveResult result = jdbi.inTransaction(h -> {
            if (h.attach(LoopDao.class).find(teamId, loopId).isEmpty()) {
                return new SaveResult.Ignored();
            }
            if (!RetryDedupe.firstTime(h, teamId, requestKey, clock.instant())) {
                return new SaveResult.Repeat();
            }
            long id = store(h, teamId, editorId, loopId, entryId, d);
            cards.refresh(h, teamId, loopId);
            return new SaveResult.Saved(id);
        });
        if (result instanceof SaveResult.Saved) {
            cards.wake();
        }
        return result;
    }

    private long store(Handle h, String teamId, String editorId, long loopId, Long entryId, FeedbackDraft d) {
        WalkthroughDao dao = h.attach(WalkthroughDao.class);
        FeedbackLoop row = new FeedbackLoop(entryId == null ? 0 : entryId, teamId, loopId,
                Phase.parse(d.fromPhase()).orElseThrow().key(), Phase.parse(d.toPhase()).orElseThrow().key(), d.information(),
                d.channel(), d.speed(), d.example(), editorId, clock.instant());
        if (entryId != null && dao.updateFeedback(row) == 1) {
            return entryId;
        }
        return dao.insertFeedback(row);
    }

    /** Removes an entry of this team's loop and queues the card's new state; false when there was none. */
    public boolean remove(String teamId, long loopId, long entryId) {
        boolean removed = jdbi.inTransaction(h -> {
            if (h.attach(WalkthroughDao.class).deleteFeedback(teamId, loopId, entryId) == 0) {
                return false;
            }
            cards.refresh(h, teamId, loopId);
            return true;
        });
        if (removed) {
            cards.wake();
        }
        return removed;
    }

    public Optional<Loop> loop(String teamId, long loopId) {
        return jdbi.withExtension(LoopDao.class, dao -> dao.find(teamId, loopId));
    }

    public List<FeedbackLoop> entries(String teamId, long loopId) {
        return jdbi.withExtension(WalkthroughDao.class, dao -> dao.feedback(teamId, loopId));
    }

    /** An entry of this team's loop; empty for another loop's or another team's id. */
    public Optional<FeedbackLoop> entry(String teamId, long loopId, long entryId) {
        return jdbi.withExtension(WalkthroughDao.class, dao -> dao.feedbackById(teamId, entryId))
                .filter(f -> f.loopId() == loopId);
    }

    private static Optional<Phase> phase(String key) {
        return key == null ? Optional.empty() : Phase.parse(key);
    }
}
