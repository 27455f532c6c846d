package io.devloop.tasks;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A sprint task. {@code remindBefore} is none, 1h or 24h; {@code dueZone} is the zone its due time was picked in. */
public record Task(long id, String teamId, long seq, String channelId, Long loopId, String title, String tier,
                   int points, String assigneeId, Instant dueAt, String dueZone, String remindBefore, String steps,
                   String successCriteria, String status, Instant doneAt, String doneBy, String createdBy,
                   Instant createdAt, Instant updatedAt) {
    public static final String OPEN = "open";
    public static final String DONE = "done";

    /** DO-001, DO-002, … per team. */
    public String displayId() {
        return TaskIds.format(seq);
    }

    public boolean isDone() {
        return DONE.equals(status);
    }

    public Tier tierValue() {
        return Tier.parse(tier).orElse(Tier.OPTIMIZATION);
    }

    public List<String> stepList() {
        return steps == null || steps.isBlank() ? List.of()
                : Arrays.stream(steps.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public boolean isOverdue(Instant now) {
        return !isDone() && dueAt != null && dueAt.isBefore(now);
    }
}
