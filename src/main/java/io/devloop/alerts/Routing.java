package io.devloop.alerts;

import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an alert or deploy message goes: the alert's {@code slack_channel} label (a channel id), else the
 * service's route, else {@code DEVLOOP_ALERT_CHANNEL}; null when none applies. Routes are read once per
 * request (a notification of 100 alerts of one service reads one row).
 */
final class Routing {
    /** Channel ids only: chat.update, which keeps alert messages current, does not accept channel names. */
    static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,30}");

    private final Handle handle;
    private final String teamId;
    private final String fallbackChannel;
    private final Map<String, Optional<String>> byService = new HashMap<>();

    Routing(Handle handle, String teamId, String fallbackChannel) {
        this.handle = handle;
        this.teamId = teamId;
        this.fallbackChannel = fallbackChannel;
    }

    String channel(String labelChannel, String service) {
        if (labelChannel != null) {
            String id = labelChannel.strip().replaceFirst("^#", "");
            if (CHANNEL_ID.matcher(id).matches()) {
                return id;
            }
        }
        if (service != null) {
            Optional<String> routed = byService.computeIfAbsent(service,
                    s -> handle.attach(RouteDao.class).channelOf(teamId, s.toLowerCase(Locale.ROOT)));
            if (routed.isPresent()) {
                return routed.get();
            }
        }
        return fallbackChannel;
    }
}
