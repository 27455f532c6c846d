package io.devloop.loop;

import io.devloop.slack.SlackText;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How user text goes into the exported markdown without breaking it: table cells stay one row, paragraphs cannot
 * open headings, code fences or HTML, and Mermaid labels cannot close their quotes. Text is otherwise kept as typed,
 * because the files are read raw in Slack's preview as often as rendered.
 */
final class ExportMarkdown {
    static final String NOT_FILLED = "_not filled in yet_";
    static final String EMPTY_CELL = "—";
    /** "2026-12-01 10:30 +01:00 (Europe/Berlin)": a file has no viewer whose zone we know, so the zone is named. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx '('VV')'");
    /** `<` opens raw HTML or an autolink only before a letter, `/`, `!` or `?`; "p95 < 200 ms" stays as typed. */
    private static final Pattern HTML_OPENER = Pattern.compile("<(?=[A-Za-z/!?])");
    /** Line starts that would turn a user's line into a heading, a fence, or a setext underline. */
    private static final Pattern STRUCTURAL_LINE = Pattern.compile("^( {0,3})(#{1,6}(?=\\s|$)|```|~~~|=+\\s*$|-+\\s*$)");
    private static final int LABEL_LIMIT = 60;

    private ExportMarkdown() {
    }

    static boolean filled(String s) {
        return s != null && !s.isBlank();
    }

    /** Paragraph text, line breaks kept; {@link #NOT_FILLED} when there is none. */
    static String block(String s) {
        if (!filled(s)) {
            return NOT_FILLED;
        }
        return lines(s).stream()
                .map(line -> STRUCTURAL_LINE.matcher(noHtml(line.stripTrailing())).replaceFirst("$1\\\\$2"))
                .collect(Collectors.joining("\n"));
    }

    /** Text inside a line we write (a heading, a list item): one line, no HTML. */
    static String inline(String s) {
        return filled(s) ? noHtml(String.join(" ", lines(s)).replaceAll("\\s+", " ")) : NOT_FILLED;
    }

    /** One table cell: pipes escaped, line breaks as {@code <br>} so the row stays one line. */
    static String cell(String s) {
        if (!filled(s)) {
            return EMPTY_CELL;
        }
        return lines(s).stream().map(line -> noHtml(line.strip()).replace("|", "\\|"))
                .collect(Collectors.joining("<br>"));
    }

    /** Heading text: {@link #inline}, and a trailing {@code #} that would read as the heading's closing marker escaped. */
    static String heading(String s) {
        String text = inline(s);
        return text.endsWith("#") ? text.substring(0, text.length() - 1) + "\\#" : text;
    }

    static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    static String header(String... columns) {
        return row(columns) + "\n|" + "---|".repeat(columns.length);
    }

    /**
     * A Mermaid node label, written inside double quotes: quotes, {@code #} (entity codes), angle brackets and
     * backticks become Mermaid entity codes; brackets and parentheses are safe inside the quotes. One line, cut
     * at {@value #LABEL_LIMIT} characters so the chart stays legible.
     */
    static String label(String s) {
        String oneLine = SlackText.truncate(String.join(" ", lines(s == null ? "" : s)).replaceAll("\\s+", " "), LABEL_LIMIT);
        return oneLine.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;")
                .replace("`", "#96;");
    }

    static String mention(String userId) {
        return "@" + userId;
    }

    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    static String edited(String userId, Instant at, ZoneId zone) {
        return "_Last edited by " + mention(userId) + " on " + time(at, zone) + "_";
    }

    static String duration(long minutes) {
        return DurationParser.format(Duration.ofMinutes(minutes));
    }

    /**
     * A duration as typed, followed by how devloop read it when that reads differently: "1 week (7 d)",
     * "1.5 hours (1 h 30 min)", but just "3 days" or "2h".
     */
    static String typedDuration(String typed, Long minutes) {
        String text = inline(typed);
        if (minutes == null) {
            return text;
        }
        String parsed = duration(minutes);
        return canonical(text).equals(canonical(parsed)) ? text : text + " (" + parsed + ")";
    }

    private static String canonical(String duration) {
        return duration.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", "")
                .replaceAll("(minutes|minute|mins)", "min").replaceAll("(hours|hour|hrs|hr)", "h").replaceAll("(days|day)", "d");
    }

    private static List<String> lines(String s) {
        return s.strip().replace("\r\n", "\n").replace('\r', '\n').lines().toList();
    }

    private static String noHtml(String s) {
        return HTML_OPENER.matcher(s).replaceAll("\\\\<");
    }
}
