package io.devloop.home;

import java.time.Instant;

/** An open incident as the home tab lists it. */
public record HomeIncident(long seq, String title, int severity, String status, String channelId, String commanderId,
                           Instant declaredAt) {

    public String displayId() {
        return "INC-" + seq;
    }
}
