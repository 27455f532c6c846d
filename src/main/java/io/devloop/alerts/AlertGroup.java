package io.devloop.alerts;

import java.time.Instant;

/** An Alertmanager group (groupKey), and the group message of its current storm if there is one. */
public record AlertGroup(long id, String teamId, String groupKey, String channelId, Long stormOutboxId,
                         int truncatedAlerts, String externalUrl, Instant createdAt, Instant updatedAt) {
}
