package io.devloop.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's mrkdwn as safe HTML: *bold*, _italic_, ~strike~, `code`, ```pre```, &gt; quotes, links
 * {@code <url|text>}, mentions {@code <@U…>} and {@code <#C…|name>}, and {@code <!date^…>} tokens shown in the
 * viewer's own time zone. Every piece of text is HTML-escaped; links are only http(s) and mailto.
 */
final class Mrkdwn {
    private static final Pattern TOKEN = Pattern.compile("<([^<>\\n]+)>");
    private static final Pattern PRE = Pattern.compile("```(.+?)```", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern BOLD = Pattern.compile("(?<![\\w*])\\*(?!\\s)([^*\\n]+?)(?<!\\s)\\*(?![\\w*])");
    private static final Pattern ITALIC = Pattern.compile("(?<![\\w_])_(?!\\s)([^_\\n]+?)(?<!\\s)_(?![\\w_])");
    private static final Pattern STRIKE = Pattern.compile("(?<![\\w~])~(?!\\s)([^~\\n]+?)(?<!\\s)~(?![\\w~])");
    private static final Pattern EMOJI = Pattern.compile(":([a-z0-9_+-]+):");
    private static final Pattern HOLE = Pattern.compile("\u0000(\\d+)\u0000");
    private static final Map<String, String> EMOJIS = Map.ofEntries(
            Map.entry("white_check_mark", "✅"), Map.entry("white_square", "⬜"), Map.entry("warning", "⚠️"),
            Map.entry("page_facing_up", "📄"), Map.entry("memo", "📝"), Map.entry("hourglass_flowing_sand", "⏳"),
            Map.entry("construction", "🚧"), Map.entry("arrow_down", "⬇️"), Map.entry("fire", "🔥"),
            Map.entry("rotating_light", "🚨"), Map.entry("red_circle", "🔴"), Map.entry("large_green_circle", "🟢"),
            Map.entry("large_yellow_circle", "🟡"), Map.entry("rocket", "🚀"), Map.entry("x", "❌"),
            Map.entry("heavy_check_mark", "✔️"), Map.entry("lock", "🔒"), Map.entry("art", "🎨"),
            Map.entry("alarm_clock", "⏰"), Map.entry("bell", "🔔"), Map.entry("chart_with_upwards_trend", "📈"),
            Map.entry("repeat", "🔁"), Map.entry("information_source", "ℹ️"), Map.entry("tada", "🎉"),
            Map.entry("mag", "🔍"), Map.entry("leftwards_arrow_with_hook", "↩️"), Map.entry("hammer_and_wrench", "🛠️"),
            Map.entry("bar_chart", "📊"), Map.entry("package", "📦"), Map.entry("eyes", "👀"), Map.entry("ok", "🆗"));

    /** Names for the ids in mentions, and the viewer's zone for date tokens. */
    record Context(ZoneId zone, Function<String, String> userName, Function<String, String> channelName, Instant now) {
    }

    private Mrkdwn() {
    }

    static String toHtml(String text, Context ctx) {
        if (text == null) {
            return "";
        }
        List<String> holes = new ArrayList<>();
        String s = replace(PRE, text, m -> hole(holes, "<pre>" + escape(unescapeSlack(m.group(1))) + "</pre>"));
        s = replace(CODE, s, m -> hole(holes, "<code>" + escape(unescapeSlack(m.group(1))) + "</code>"));
        s = replace(TOKEN, s, m -> hole(holes, token(m.group(1), ctx)));
        s = escape(unescapeSlack(s));
        s = quotes(s);
        s = replace(BOLD, s, m -> "<b>" + m.group(1) + "</b>");
        s = replace(ITALIC, s, m -> "<i>" + m.group(1) + "</i>");
        s = replace(STRIKE, s, m -> "<s>" + m.group(1) + "</s>");
        s = emoji(s);
        s = s.replace("\n", "<br>");
        return replace(HOLE, s, m -> holes.get(Integer.parseInt(m.group(1))));
    }

    /** plain_text: escaped, with emoji codes shown as emoji. */
    static String plain(String text) {
        return text == null ? "" : emoji(escape(text)).replace("\n", "<br>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String unescapeSlack(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String emoji(String s) {
        return replace(EMOJI, s, m -> EMOJIS.getOrDefault(m.group(1), m.group()));
    }

    private static String quotes(String escaped) {
        StringBuilder sb = new StringBuilder();
        String[] lines = escaped.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("&gt; ") || line.equals("&gt;")) {
                sb.append("<span class=\"bk-quote\">").append(line.substring(Math.min(line.length(), 5))).append("</span>");
            } else {
                sb.append(line);
            }
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String token(String inner, Context ctx) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : inner.substring(bar + 1);
        if (target.startsWith("@")) {
            return "<span class=\"bk-mention\">@" + escape(ctx.userName().apply(target.substring(1))) + "</span>";
        }
        if (target.startsWith("#")) {
            String name = label != null && !label.isEmpty() ? label : ctx.channelName().apply(target.substring(1));
            return "<span class=\"bk-mention\">#" + escape(unescapeSlack(name)) + "</span>";
        }
        if (target.startsWith("!date^")) {
            return date(target, label, ctx);
        }
        if (target.startsWith("!subteam^")) {
            return "<span class=\"bk-mention\">" + escape(unescapeSlack(label == null ? "@team" : label)) + "</span>";
        }
        if (target.startsWith("!")) {
            return "<span class=\"bk-mention\">@" + escape(target.substring(1)) + "</span>";
        }
        String url = unescapeSlack(target);
        String shown = escape(unescapeSlack(label == null ? url : label));
        if (url.matches("(?i)^(https?://|mailto:).+")) {
            return "<a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + shown + "</a>";
        }
        return shown;
    }

    /** {@code !date^EPOCH^FORMAT[^LINK]} with the fallback as label: Slack formats it in the reader's zone. */
    private static String date(String target, String fallback, Context ctx) {
        String[] parts = target.split("\\^");
        try {
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            String format = parts.length > 2 ? parts[2] : "{date_short} {time}";
            String shown = formatDate(format, at.atZone(ctx.zone()), LocalDate.ofInstant(ctx.now(), ctx.zone()));
            return "<span class=\"bk-date\" title=\"" + escape(ctx.zone().getId()) + "\">" + escape(shown) + "</span>";
        } catch (RuntimeException e) {
            return escape(unescapeSlack(fallback == null ? target : fallback));
        }
    }

    static String formatDate(String format, ZonedDateTime at, LocalDate today) {
        String pretty = relativeDay(at.toLocalDate(), today);
        return format
                .replace("{date_num}", at.format(DateTimeFormatter.ISO_LOCAL_DATE))
                .replace("{date_short_pretty}", pretty != null ? pretty : at.format(fmt("MMM d, yyyy")))
                .replace("{date_long_pretty}", pretty != null ? pretty : at.format(fmt("EEEE, MMMM d, yyyy")))
                .replace("{date_pretty}", pretty != null ? pretty : at.format(fmt("MMMM d, yyyy")))
                .replace("{date_short}", at.format(fmt("MMM d, yyyy")))
                .replace("{date_long}", at.format(fmt("EEEE, MMMM d, yyyy")))
                .replace("{date}", at.format(fmt("MMMM d, yyyy")))
                .replace("{time_secs}", at.format(fmt("h:mm:ss a")))
                .replace("{time}", at.format(fmt("h:mm a")));
    }

    private static String relativeDay(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return day.equals(today.plusDays(1)) ? "Tomorrow" : null;
    }

    private static DateTimeFormatter fmt(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.US);
    }

    private static String hole(List<String> holes, String html) {
        holes.add(html);
        return "\u0000" + (holes.size() - 1) + "\u0000";
    }

    private static String replace(Pattern p, String s, Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
