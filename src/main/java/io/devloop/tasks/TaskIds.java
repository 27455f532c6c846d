package io.devloop.tasks;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Task ids as people type them: DO-007, do-7, DO 7, 7. */
public final class TaskIds {
    private static final Pattern ID = Pattern.compile("(?i)^(?:do\\s*-?\\s*)?0*(\\d{1,9})$");

    private TaskIds() {
    }

    public static String format(long seq) {
        return String.format("DO-%03d", seq);
    }

    public static OptionalLong parse(String text) {
        Matcher m = ID.matcher(text == null ? "" : text.strip());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
