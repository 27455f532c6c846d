package io.devloop.tasks;

/**
 * Reminders of a task's due time (Quartz). Called after the task's transaction commits; both calls are
 * idempotent, so calling again after a change (new due time, new assignee) reschedules.
 */
public interface TaskReminders {
    /** (Re)schedules every reminder of an open task from its due time and reminder setting. */
    void schedule(Task task);

    /** Cancels all pending reminders of a task (done, deleted). */
    void cancel(String teamId, long taskId);

    TaskReminders NONE = new TaskReminders() {
        @Override
        public void schedule(Task task) {
        }

        @Override
        public void cancel(String teamId, long taskId) {
        }
    };
}
