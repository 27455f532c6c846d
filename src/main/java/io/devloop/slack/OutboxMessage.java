package io.devloop.slack;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;

import java.util.List;

/**
 * A message for the outbox: where it goes, its fallback text and its Block Kit blocks (as Slack's JSON).
 *
 * @param threadParentId outbox row of the message this one replies under, or null
 * @param requesterId    who asked for it; told by DM if it can never be delivered
 * @param anchor         later rows will update it or reply under it, so keep it past housekeeping
 */
public record OutboxMessage(String teamId, String channelId, String text, String blocksJson,
                            Long threadParentId, String requesterId, boolean anchor) {
    private static final Gson GSON = GsonFactory.createSnakeCase();

    public static OutboxMessage of(String teamId, String channelId, String text, List<LayoutBlock> blocks) {
        return new OutboxMessage(teamId, channelId, SlackText.messageText(text), blocks == null ? null : GSON.toJson(blocks),
                null, null, false);
    }

    public OutboxMessage requestedBy(String userId) {
        return new OutboxMessage(teamId, channelId, text, blocksJson, threadParentId, userId, anchor);
    }

    public OutboxMessage inThreadOf(long parentOutboxId) {
        return new OutboxMessage(teamId, channelId, text, blocksJson, parentOutboxId, requesterId, anchor);
    }

    public OutboxMessage asAnchor() {
        return new OutboxMessage(teamId, channelId, text, blocksJson, threadParentId, requesterId, true);
    }
}
