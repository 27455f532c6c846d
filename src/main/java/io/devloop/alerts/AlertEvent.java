package io.devloop.alerts;

import java.time.Instant;

/**
 * One alert of an Alertmanager notification, routed to a channel: what the incidents domain gets through
 * {@link AlertIncidents}.
 *
 * @param channelId         where its message goes; null when no route matched
 * @param severity          the {@code severity} label as sent (may be null)
 * @param incidentSeverity  the SEV (1..4) this severity opens an incident at, or 0 when it opens none
 * @param endsAt            null while firing
 */
public record AlertEvent(String teamId, String channelId, String groupKey, String fingerprint, String alertName,
                         String service, String severity, int incidentSeverity, String summary, Instant startsAt,
                         Instant endsAt, String generatorUrl) {
}
