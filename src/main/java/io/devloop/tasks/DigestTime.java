package io.devloop.tasks;

import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time of day people type for the digest: 24-hour {@code 09:00} or {@code 9:00} (00:00–23:59), or 12-hour
 * {@code 9am}, {@code 9:30 pm}, {@code 12am} (midnight). A bare {@code 9} or {@code 0900} is refused: too easy to
 * misread, and the usage shows what works.
 */
public final class DigestTime {
    private static final Pattern H24 = Pattern.compile("^(\\d{1,2}):(\\d{2})$");
    private static final Pattern H12 = Pattern.compile("^(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?m\\.?$");

    private DigestTime() {
    }

    public static Optional<LocalTime> parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = H24.matcher(s);
        if (m.matches()) {
            return of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        m = H12.matcher(s);
        if (m.matches()) {
            int hour = Integer.parseInt(m.group(1));
            int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + ("p".equals(m.group(3)) ? 12 : 0);
            return of(hour, minute);
        }
        return Optional.empty();
    }

    /** "09:00": how the time is stored and shown. */
    public static String format(LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    private static Optional<LocalTime> of(int hour, int minute) {
        return hour <= 23 && minute <= 59 ? Optional.of(LocalTime.of(hour, minute)) : Optional.empty();
    }
}
