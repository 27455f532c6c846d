package io.devloop.slack;

import java.util.Map;

/** Turns Slack's permanent delivery errors into something the person who asked can act on. */
final class DeliveryProblems {
    private static final Map<String, String> FIXES = Map.of(
            "not_in_channel", "I'm not a member of that channel. Invite me with `/invite @devloop` and try again.",
            "channel_not_found", "That channel doesn't exist any more, or it is private and I'm not in it. Invite me with `/invite @devloop`.",
            "is_archived", "That channel is archived. Unarchive it or use another channel.",
            "invalid_blocks", "The message was malformed; this is a devloop bug, please report it.",
            "msg_too_long", "The message was too long for Slack; this is a devloop bug, please report it.",
            "message_not_found", "The message I wanted to update was deleted.",
            "restricted_action", "A workspace setting prevents me from posting there.");

    private DeliveryProblems() {
    }

    static String explain(String channelId, String error) {
        String where = channelId.startsWith("C") || channelId.startsWith("G") ? "<#" + channelId + ">" : "`" + channelId + "`";
        String fix = FIXES.getOrDefault(error, "");
        return (":warning: I couldn't deliver a message to " + where + ": Slack said `" + error + "`. " + fix).trim();
    }
}
