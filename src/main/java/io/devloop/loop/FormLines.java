package io.devloop.loop;

import io.devloop.slack.SlackText;

import java.util.ArrayList;
import java.util.List;

/**
 * Multiline form fields that hold one item per line, its parts split by "|" ("Build | mvn package | 5 min"):
 * splitting them with the line numbers people see, and writing items back in the same shape so that saving an
 * unchanged modal stores the same data.
 */
final class FormLines {
    static final String SEPARATOR = " | ";
    private static final int ERRORS_SHOWN = 3;
    /** Slack shows an inline error under its field; a few lines of text is what fits there. */
    private static final int ERROR_LIMIT = 1000;

    private FormLines() {
    }

    /** A non-blank line: its number as the person counts (blank lines included) and its parts, trimmed. */
    record Line(int number, List<String> parts) {
        String part(int i) {
            return i < parts.size() ? parts.get(i) : "";
        }

        String problem(String what) {
            return "line " + number + ": " + what;
        }
    }

    static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isBlank()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (String part : raw[i].split("\\|", -1)) {
                parts.add(part.strip());
            }
            lines.add(new Line(i + 1, parts));
        }
        return lines;
    }

    /**
     * Items back into lines. Empty trailing parts are left out; if the text would not fit the field, the parts are
     * joined without spaces around "|" (the parser reads both), so a long list comes back whole rather than cut.
     */
    static String render(List<List<String>> rows, int maxLength) {
        String spaced = render(rows, SEPARATOR);
        return spaced.length() <= maxLength ? spaced : render(rows, "|");
    }

    private static String render(List<List<String>> rows, String separator) {
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            int last = row.size();
            while (last > 1 && blank(row.get(last - 1))) {
                last--;
            }
            List<String> parts = row.subList(0, last).stream().map(p -> p == null ? "" : p).toList();
            lines.add(String.join(separator, parts).strip());
        }
        return String.join("\n", lines);
    }

    /** The inline error of a field from its line problems: the first few, then how many more. */
    static String message(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(ERRORS_SHOWN, problems.size())));
        int more = problems.size() - ERRORS_SHOWN;
        return SlackText.truncate(more > 0 ? shown + " (+" + more + " more)" : shown, ERROR_LIMIT);
    }

    static String orNull(String s) {
        return blank(s) ? null : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
