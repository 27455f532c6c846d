package io.devloop.home;

import java.util.Collection;

/**
 * Tells the App Home that something shown on some people's home tabs changed (a task, an incident, a loop), so
 * their tabs are published again. Called after the change is committed; returns at once (publishing is async and
 * coalesced per person).
 */
@FunctionalInterface
public interface HomeRefresh {
    HomeRefresh NONE = (teamId, userIds) -> { };

    void changed(String teamId, Collection<String> userIds);
}
