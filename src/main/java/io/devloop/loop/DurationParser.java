package io.devloop.loop;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations people type: "1 day", "30 min", "2h", "1.5 hours", "1h 30m", "2 weeks", "3 days". A
 * sequence of number + unit parts, added up; anything else is not a duration.
 */
public final class DurationParser {
    private static final Pattern PART = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*([a-z]+)");
    private static final Pattern WHOLE = Pattern.compile("^(?:\\s*\\d+(?:[.,]\\d+)?\\s*[a-z]+\\s*(?:,|and)?)+$");

    private DurationParser() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || !WHOLE.matcher(s).matches()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(s);
        double minutes = 0;
        while (m.find()) {
            Double perUnit = minutesPer(m.group(2));
            if (perUnit == null) {
                return Optional.empty();
            }
            minutes += Double.parseDouble(m.group(1).replace(',', '.')) * perUnit;
        }
        long rounded = Math.round(minutes);
        return rounded <= 0 ? Optional.empty() : Optional.of(Duration.ofMinutes(rounded));
    }

    /** "1 d 2 h", "45 min": compact, for cards and exports. */
    public static String format(Duration d) {
        long minutes = d.toMinutes();
        long days = minutes / (24 * 60);
        long hours = minutes % (24 * 60) / 60;
        long mins = minutes % 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append(" d ");
        }
        if (hours > 0) {
            sb.append(hours).append(" h ");
        }
        if (mins > 0 || sb.length() == 0) {
            sb.append(mins).append(" min");
        }
        return sb.toString().strip();
    }

    private static Double minutesPer(String unit) {
        return switch (unit) {
            case "m", "min", "mins", "minute", "minutes" -> 1.0;
            case "h", "hr", "hrs", "hour", "hours" -> 60.0;
            case "d", "day", "days" -> 24.0 * 60;
            case "w", "wk", "wks", "week", "weeks" -> 7.0 * 24 * 60;
            case "s", "sec", "secs", "second", "seconds" -> 1.0 / 60;
            default -> null;
        };
    }
}
