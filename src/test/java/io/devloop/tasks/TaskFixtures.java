package io.devloop.tasks;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;

import java.time.Instant;

/** Tasks built directly as records, for views and for rows inserted by tests. */
final class TaskFixtures {
    static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");

    private TaskFixtures() {
    }

    static Task open(long seq, String title, int points, String assignee, Instant dueAt) {
        return task(FakeSlack.TEAM, SlackRequests.CHANNEL, seq, title, points, assignee, dueAt, null);
    }

    static Task done(long seq, String title, int points, String assignee, Instant dueAt, Instant doneAt) {
        return task(FakeSlack.TEAM, SlackRequests.CHANNEL, seq, title, points, assignee, dueAt, doneAt);
    }

    static Task task(String teamId, String channelId, long seq, String title, int points, String assignee, Instant dueAt,
                     Instant doneAt) {
        return new Task(seq, teamId, seq, channelId, null, title, "critical", points, assignee, dueAt,
                dueAt == null ? null : "Europe/Berlin", "24h", null, null, doneAt == null ? Task.OPEN : Task.DONE,
                doneAt, doneAt == null ? null : assignee, "U0ALICE", CREATED, CREATED);
    }
}
