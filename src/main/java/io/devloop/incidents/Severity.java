package io.devloop.incidents;

import java.util.Locale;
import java.util.Optional;

/** SEV1–SEV4, with the meaning the declare modal shows and the emoji the card leads with. */
public enum Severity {
    SEV1(1, "🔴", "Full outage or data loss"),
    SEV2(2, "🟠", "Major degradation"),
    SEV3(3, "🟡", "Minor impact"),
    SEV4(4, "⚪", "Cosmetic");

    /** What `/devloop incident <title>` declares when no severity is given: change it from the card. */
    public static final Severity DEFAULT = SEV3;

    private final int level;
    private final String emoji;
    private final String meaning;

    Severity(int level, String emoji, String meaning) {
        this.level = level;
        this.emoji = emoji;
        this.meaning = meaning;
    }

    public int level() {
        return level;
    }

    public String label() {
        return name();
    }

    public String emoji() {
        return emoji;
    }

    public String meaning() {
        return meaning;
    }

    public static Severity of(int level) {
        for (Severity s : values()) {
            if (s.level == level) {
                return s;
            }
        }
        throw new IllegalArgumentException("no severity " + level);
    }

    /** "sev2", "SEV2" or "2"; empty for anything else. */
    public static Optional<Severity> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String t = token.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("sev")) {
            t = t.substring(3);
        }
        return switch (t) {
            case "1" -> Optional.of(SEV1);
            case "2" -> Optional.of(SEV2);
            case "3" -> Optional.of(SEV3);
            case "4" -> Optional.of(SEV4);
            default -> Optional.empty();
        };
    }
}
