package io.devloop.loop;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A team's answers for one phase of a loop, and who saved them last. */
public record PhaseAnswer(String teamId, long loopId, String phase, String whatHappens, String roles, String owners,
                          String tools, String durationText, Long durationMinutes, String deliverable,
                          String automation, String editedBy, Instant editedAt) {

    public Phase phaseValue() {
        return Phase.parse(phase).orElseThrow();
    }

    /** Slack user ids of the phase's owners. */
    public List<String> ownerIds() {
        return owners == null || owners.isBlank() ? List.of() : Arrays.stream(owners.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
