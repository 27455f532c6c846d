package io.devloop.loop;

import java.time.Instant;

/** DORA notes for a feature: its lead time, and whether it deployed smoothly (and why not). */
public record DoraNotes(String teamId, long loopId, String leadTime, Boolean deployedSmoothly, String notes,
                        String editedBy, Instant editedAt) {
}
