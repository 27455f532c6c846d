package io.devloop.alerts;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * What alert intake asks of the incidents domain, which implements it. Both calls run in the ingest transaction,
 * once per first delivery of an alert's fingerprint + status + startsAt.
 */
public interface AlertIncidents {
    /**
     * A firing alert whose severity maps to an incident (critical → SEV1, page → SEV2, configurable). Opens an
     * incident unless one is open for the alert group (groupKey); returns the incident's display id ("INC-3") to
     * show on the alert message, or empty.
     */
    Optional<String> firing(Handle h, AlertEvent alert);

    /** An alert resolved: a timeline entry on the group's open incident. */
    void resolved(Handle h, AlertEvent alert);

    /** No incidents: used until the incidents domain lands. */
    AlertIncidents NONE = new AlertIncidents() {
        @Override
        public Optional<String> firing(Handle h, AlertEvent alert) {
            return Optional.empty();
        }

        @Override
        public void resolved(Handle h, AlertEvent alert) {
        }
    };
}
