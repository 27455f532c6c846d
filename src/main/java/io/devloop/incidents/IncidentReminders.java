package io.devloop.incidents;

import java.time.Instant;

/** The status-update reminder of an open incident, kept in step with every change. */
public interface IncidentReminders {
    /** (Re)plans the reminder: one interval after the last update, none for SEV4 or a resolved incident. */
    void schedule(Incident incident);

    /** Moves the next reminder to {@code at} (a snooze), never earlier than it already was; returns when it comes. */
    Instant snooze(Incident incident, Instant at);

    void cancel(String teamId, long incidentId);
}
