package io.devloop.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Slack does to a slash command's text when the command has {@code should_escape: true} (the manifest's
 * setting): &amp;, &lt; and &gt; escaped, {@code #channel} and {@code @user} of the workspace turned into
 * {@code <#C…|name>} and {@code <@U…|name>}.
 */
final class CommandText {
    private static final Pattern MENTION = Pattern.compile("(?<![\\w<])([#@])([a-z0-9._-]+)");

    private CommandText() {
    }

    static String escape(String typed) {
        String escaped = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        Matcher m = MENTION.matcher(escaped);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String replacement = m.group(1).equals("#")
                    ? Workspace.CHANNELS.stream().filter(c -> c.name().equals(name)).findFirst()
                            .map(c -> "<#" + c.id() + "|" + c.name() + ">").orElse(m.group())
                    : Workspace.USERS.stream().filter(u -> u.name().equals(name)).findFirst()
                            .map(u -> "<@" + u.id() + "|" + u.name() + ">").orElse(m.group());
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
