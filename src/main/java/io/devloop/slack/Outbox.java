package io.devloop.slack;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.List;

/**
 * Where domain code sends messages: a row written in the caller's transaction, delivered later by the
 * {@link OutboxSender}. Nothing is posted if the transaction rolls back, and nothing is lost if Slack is
 * down when it commits.
 */
public final class Outbox {
    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final Clock clock;
    private volatile Runnable wakeUp = () -> { };

    public Outbox(Clock clock) {
        this.clock = clock;
    }

    /** Queues a new message; returns its outbox id (use it to update the message or reply under it later). */
    public long post(Handle handle, OutboxMessage message) {
        return handle.attach(OutboxDao.class).insert(message.teamId(), message.channelId(), OutboxRow.POST,
                message.text(), message.blocksJson(), message.threadParentId(), null, message.requesterId(),
                message.anchor(), clock.instant());
    }

    /** Queues new messages in one batch; returns their outbox ids in the same order. */
    public long[] postAll(Handle handle, List<OutboxMessage> messages) {
        return messages.isEmpty() ? new long[0] : handle.attach(OutboxDao.class).insertPosts(messages, clock.instant());
    }

    /**
     * Queues a new state of a message posted earlier through the outbox. Older, unsent states of it are
     * superseded: only the latest has to reach Slack.
     */
    public long update(Handle handle, String teamId, long anchorId, String text, List<LayoutBlock> blocks) {
        OutboxDao dao = handle.attach(OutboxDao.class);
        OutboxRow anchor = dao.find(teamId, anchorId)
                .orElseThrow(() -> new IllegalArgumentException("no outbox row " + anchorId + " in team " + teamId));
        long id = dao.insert(teamId, anchor.channelId(), OutboxRow.UPDATE, SlackText.messageText(text),
                GSON.toJson(blocks), anchorId, null, anchor.requesterId(), false, clock.instant());
        dao.supersedeUpdates(teamId, anchorId, id);
        return id;
    }

    /** Call after the transaction that queued messages commits, so they go out now rather than at the next poll. */
    public void wake() {
        wakeUp.run();
    }

    void onWake(Runnable wakeUp) {
        this.wakeUp = wakeUp;
    }
}
