package io.devloop.loop;

import io.devloop.slack.Outbox;
import org.jdbi.v3.core.Handle;

import java.time.Clock;

/**
 * Posts a loop's card and keeps it current: every save calls {@link #refresh} in its own transaction, which
 * queues the card's new state (older unsent states are coalesced by the outbox).
 */
public final class LoopCards {
    private final Outbox outbox;
    private final Clock clock;

    public LoopCards(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Queues a new card message for the loop and returns its outbox id. */
    public long post(Handle h, Loop loop, String requesterId) {
        LoopSnapshot snapshot = LoopSnapshots.load(h, loop.teamId(), loop.id()).orElse(LoopSnapshots.empty(loop));
        Score score = Score.of(snapshot);
        long id = outbox.post(h, io.devloop.slack.OutboxMessage.of(loop.teamId(), loop.channelId(),
                LoopViews.cardText(snapshot, score), LoopViews.card(snapshot, score)).requestedBy(requesterId).asAnchor());
        h.attach(LoopDao.class).setCard(loop.teamId(), loop.id(), id);
        return id;
    }

    /** Marks the loop active and queues its card's new state. */
    public void refresh(Handle h, String teamId, long loopId) {
        h.attach(WalkthroughDao.class).touchLoop(teamId, loopId, clock.instant());
        LoopSnapshots.load(h, teamId, loopId).ifPresent(snapshot -> {
            Long cardId = snapshot.loop().cardOutboxId();
            if (cardId != null) {
                Score score = Score.of(snapshot);
                outbox.update(h, teamId, cardId, LoopViews.cardText(snapshot, score), LoopViews.card(snapshot, score));
            }
        });
    }

    /** Call after the transaction that refreshed a card commits. */
    public void wake() {
        outbox.wake();
    }
}
