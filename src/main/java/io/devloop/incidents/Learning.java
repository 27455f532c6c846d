package io.devloop.incidents;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An incident's learning log (post-mortem). {@code prevention} holds one action per line. */
public record Learning(String teamId, long incidentId, String rootCause, String resolution, String prevention,
                       String lessons, String submittedBy, Instant submittedAt) {
    public List<String> actions() {
        return prevention == null || prevention.isBlank() ? List.of()
                : Arrays.stream(prevention.split("\\R")).map(s -> s.strip().replaceFirst("^[-*•]\\s*", ""))
                        .filter(s -> !s.isEmpty()).toList();
    }
}
