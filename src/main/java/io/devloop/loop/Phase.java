package io.devloop.loop;

import java.util.Locale;
import java.util.Optional;

/** The eight phases of the DevOps loop, in loop order. */
public enum Phase {
    PLAN("Plan"), CODE("Code"), BUILD("Build"), TEST("Test"),
    RELEASE("Release"), DEPLOY("Deploy"), OPERATE("Operate"), MONITOR("Monitor");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The lower-case name used in commands and action ids. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Phase> parse(String s) {
        for (Phase p : values()) {
            if (p.key().equalsIgnoreCase(s.strip())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
