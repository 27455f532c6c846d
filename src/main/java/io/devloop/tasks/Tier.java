package io.devloop.tasks;

import java.util.Optional;

/** The sprint-task template's tiers, in the order lists show them. */
public enum Tier {
    CRITICAL("critical", "🔥", "Critical infrastructure"),
    SECURITY("security", "🔒", "Security & compliance"),
    OPTIMIZATION("optimization", "🎨", "Optimization");

    private final String key;
    private final String emoji;
    private final String label;

    Tier(String key, String emoji, String label) {
        this.key = key;
        this.emoji = emoji;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String title() {
        return emoji + " " + label;
    }

    public static Optional<Tier> parse(String key) {
        for (Tier t : values()) {
            if (t.key.equalsIgnoreCase(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
