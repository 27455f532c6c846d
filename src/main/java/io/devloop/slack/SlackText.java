package io.devloop.slack;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * User text in and out of Slack: unescaping what slash commands send, escaping for mrkdwn, and trimming to
 * Block Kit's limits by code point (never splitting an emoji), so a long title can't become invalid_blocks.
 */
public final class SlackText {
    /** Slack truncates message text past 40,000 chars; stay well under it. */
    private static final int MESSAGE_TEXT_LIMIT = 3000;

    /** Slack's date token tokens for "Tue, Dec 1 20:37" in the reader's own zone. */
    public static final String DATE_TIME = "{date_short_pretty} {time}";
    private static final DateTimeFormatter FALLBACK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private SlackText() {
    }

    /**
     * A time in a channel message: Slack renders {@code <!date^…>} in each reader's own zone; clients that
     * cannot show it get the UTC fallback.
     */
    public static String date(Instant at, String format) {
        return "<!date^" + at.getEpochSecond() + "^" + format + "|" + FALLBACK_TIME.format(at.atOffset(ZoneOffset.UTC)) + ">";
    }

    /** A database id devloop put in a button's value or a modal's private_metadata; empty when it is not one. */
    public static Optional<Long> id(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Slash commands arrive with &, < and > escaped; store what the user typed. */
    public static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Text placed into mrkdwn must not turn into links, mentions or formatting by accident. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Trims whitespace, normalises to NFC and collapses runs of spaces. */
    public static String clean(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** At most {@code max} UTF-16 chars (Slack counts those), ending in "…" when cut, never in half an emoji. */
    public static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    static String messageText(String text) {
        return truncate(text == null ? "" : text, MESSAGE_TEXT_LIMIT);
    }

    /** "45 s", "12 min", "2 h 5 min" (under two days), "3 d 4 h": how long something took, for people to read. */
    public static String duration(java.time.Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        long h = min / 60;
        if (h < 48) {
            return h + " h" + (min % 60 == 0 ? "" : " " + (min % 60) + " min");
        }
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + (h % 24) + " h");
    }
}
