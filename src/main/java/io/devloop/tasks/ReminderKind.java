package io.devloop.tasks;

import java.util.Optional;

/** The moments a task reminds its assignee; each is one Quartz trigger of the task's job, named by {@link #key()}. */
public enum ReminderKind {
    /** 1 h or 24 h before due, as the task's {@code remindBefore} says. */
    BEFORE("before"),
    /** At the due time. */
    DUE("due"),
    /** Daily while overdue, at most {@link QuartzTaskReminders#MAX_OVERDUE} times. */
    OVERDUE("overdue"),
    /** Once, when the assignee snoozed a reminder. */
    SNOOZE("snooze");

    private final String key;

    ReminderKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<ReminderKind> parse(String key) {
        for (ReminderKind k : values()) {
            if (k.key.equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
