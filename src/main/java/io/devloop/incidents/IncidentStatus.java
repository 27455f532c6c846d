package io.devloop.incidents;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * investigating → identified → mitigated → resolved. An incident only moves forward; it may skip steps (an
 * incident that heals by itself goes straight to resolved), and resolved is final. The README lists the
 * same table.
 */
public enum IncidentStatus {
    INVESTIGATING("🔍", "Investigating"),
    IDENTIFIED("🎯", "Identified"),
    MITIGATED("🩹", "Mitigated"),
    RESOLVED("✅", "Resolved");

    private final String emoji;
    private final String label;

    IncidentStatus(String emoji, String label) {
        this.emoji = emoji;
        this.label = label;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String emoji() {
        return emoji;
    }

    public String label() {
        return label;
    }

    public boolean canMoveTo(IncidentStatus next) {
        return next.ordinal() > ordinal();
    }

    /** The statuses an incident may be in to move to {@code next}. */
    public static Set<IncidentStatus> before(IncidentStatus next) {
        Set<IncidentStatus> from = EnumSet.noneOf(IncidentStatus.class);
        for (IncidentStatus s : values()) {
            if (s.canMoveTo(next)) {
                from.add(s);
            }
        }
        return from;
    }

    public static IncidentStatus of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
