package io.devloop.tasks;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A channel's daily task digest: sent at {@code timeOfDay} (HH:MM) in {@code zone}, the zone of whoever set it.
 * No row means the digest is off.
 */
public record DigestSettings(String teamId, String channelId, String timeOfDay, String zone, boolean skipWeekends,
                             String setBy, Instant setAt) {

    public LocalTime time() {
        return LocalTime.parse(timeOfDay);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
