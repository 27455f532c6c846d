package io.devloop.slack;

/** The bot token to use for a team. Single-workspace mode has one; an OAuth install store would have many. */
@FunctionalInterface
public interface BotTokens {
    String forTeam(String teamId);
}
