package io.devloop.incidents;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** INC-42: parsed case-insensitively, with or without padding or the dash ({@code inc-4}, {@code INC-004}, {@code inc4}). */
public final class IncidentIds {
    private static final Pattern ID = Pattern.compile("(?i)inc-?0*(\\d{1,12})");

    private IncidentIds() {
    }

    public static OptionalLong parse(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = ID.matcher(text.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        long seq = Long.parseLong(m.group(1));
        return seq == 0 ? OptionalLong.empty() : OptionalLong.of(seq);
    }

    public static boolean looksLikeId(String token) {
        return parse(token).isPresent();
    }

    public static String format(long seq) {
        return "INC-" + seq;
    }
}
