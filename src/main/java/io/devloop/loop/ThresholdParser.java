package io.devloop.loop;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an alert threshold as people type it — "p95 > 500 ms", "> 1 %", "error rate >= 2,5%", "p99 ≤ 1.2 s for
 * 10 min" — into a metric, a comparator, a number and a unit, so that later features can evaluate alerts
 * against it. The metric may be left out ("> 1 %"): it is then the success metric's own name.
 */
public final class ThresholdParser {
    /** Longest first, so that ">=" is not read as ">" followed by "=". */
    private static final Pattern COMPARATOR = Pattern.compile(">=|<=|=>|=<|==|≥|≤|>|<|=");
    private static final Pattern NUMBER = Pattern.compile("^[-−]?\\d+(?:[.,]\\d+)?");
    /** "1,000": a thousands separator or a decimal comma? Either reading is a factor 1000 off for someone. */
    private static final Pattern AMBIGUOUS = Pattern.compile("^[-−]?\\d{1,3},\\d{3}$");
    /** A unit is one word, optionally per something: ms, s, %, rps, req/s, MB, µs, errors/min. */
    private static final Pattern UNIT = Pattern.compile("^(%|[\\p{L}µ][\\p{L}µ0-9]*(?:/[\\p{L}µ]+)?)");
    /** A sustain clause after the value: "for 10 min". It stays in the typed text only. */
    private static final Pattern FOR = Pattern.compile("^for\\s+(.+)$", Pattern.CASE_INSENSITIVE);
    static final int MAX_UNIT = 16;
    static final int MAX_METRIC = 200;

    private ThresholdParser() {
    }

    /** A threshold as structured values: {@code metric comparator value unit}; unit is null when none. */
    public record Threshold(String metric, String comparator, double value, String unit) {
    }

    public sealed interface Result {
        record Parsed(Threshold threshold) implements Result { }

        /** Why the text is not a threshold, in words that follow "line 3: ". */
        record Invalid(String problem) implements Result { }
    }

    /**
     * @param defaultMetric the metric when the text names none, e.g. the success metric's name for "> 1 %"
     */
    public static Result parse(String text, String defaultMetric) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return new Result.Invalid("the threshold is empty");
        }
        Matcher cmp = COMPARATOR.matcher(s);
        if (!cmp.find()) {
            return new Result.Invalid("the threshold “" + s + "” has no comparator: write it like “p95 > 500 ms” or “> 1 %”");
        }
        String metric = s.substring(0, cmp.start()).strip();
        if (metric.isEmpty()) {
            metric = defaultMetric == null ? "" : defaultMetric.strip();
        }
        if (metric.length() > MAX_METRIC) {
            return new Result.Invalid("the threshold's metric is longer than " + MAX_METRIC + " characters");
        }
        String comparator = normalise(cmp.group());
        String rest = s.substring(cmp.end()).strip();
        Matcher number = NUMBER.matcher(rest);
        if (!number.find()) {
            return new Result.Invalid("the threshold “" + s + "” has no number after " + cmp.group());
        }
        String digits = number.group().replace('−', '-');
        if (AMBIGUOUS.matcher(digits).matches()) {
            String whole = digits.replace(",", "");
            return new Result.Invalid("“" + digits + "” could be " + whole + " or " + digits.replace(',', '.')
                    + ": write " + whole + " or " + digits.replace(',', '.'));
        }
        double value = Double.parseDouble(digits.replace(',', '.'));
        rest = rest.substring(number.end()).strip();
        String unit = null;
        Matcher u = UNIT.matcher(rest);
        if (!rest.isEmpty() && !FOR.matcher(rest).matches() && u.find()) {
            unit = u.group();
            rest = rest.substring(u.end()).strip();
            if (unit.length() > MAX_UNIT) {
                return new Result.Invalid("the unit “" + unit + "” is longer than " + MAX_UNIT + " characters");
            }
        }
        if (!rest.isEmpty()) {
            Matcher sustain = FOR.matcher(rest);
            if (!sustain.matches() || DurationParser.parse(sustain.group(1)).isEmpty()) {
                return new Result.Invalid("the threshold “" + s + "” has “" + rest + "” after its value: "
                        + "only a unit may follow the number (and a duration, like “for 10 min”)");
            }
        }
        return new Result.Parsed(new Threshold(metric, comparator, value, unit));
    }

    private static String normalise(String comparator) {
        return switch (comparator.toLowerCase(Locale.ROOT)) {
            case "≥", "=>" -> ">=";
            case "≤", "=<" -> "<=";
            case "==" -> "=";
            default -> comparator;
        };
    }
}
