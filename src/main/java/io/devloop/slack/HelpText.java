package io.devloop.slack;

import java.util.Collection;
import java.util.stream.Collectors;

/** The ephemeral texts of the command router: help, "coming soon", and unknown words. */
final class HelpText {
    private HelpText() {
    }

    static String render(Collection<String> built) {
        String now = CommandGrammar.ALL.stream().filter(u -> built.contains(u.token()))
                .map(HelpText::line).collect(Collectors.joining("\n"));
        String later = CommandGrammar.ALL.stream().filter(u -> !built.contains(u.token()))
                .map(u -> line(u) + " _(coming soon)_").collect(Collectors.joining("\n"));
        StringBuilder sb = new StringBuilder("*devloop* walks your team through the DevOps loop, right here in Slack.\n\n")
                .append(now);
        if (!later.isEmpty()) {
            sb.append("\n\n*Coming soon*\n").append(later);
        }
        return sb.append("\n\n`<loop>` is a loop id like `L-3` or a feature name; leave it out to use this channel's latest loop.")
                .toString();
    }

    static String comingSoon(String token) {
        String usages = CommandGrammar.usagesOf(token).stream().map(u -> "`/devloop " + u.usage() + "`")
                .collect(Collectors.joining(", "));
        return ":construction: " + usages + " is coming soon. Type `/devloop help` to see what works today.";
    }

    static String failed(String token) {
        return ":warning: Sorry, `/devloop " + token + "` failed on my side (nothing was saved). Please try again in a"
                + " minute; if it keeps failing, tell whoever runs devloop.";
    }

    static String unknown(String word) {
        return "I don't know `" + SlackText.escape(SlackText.truncate(word, 40)).replace("`", "'") + "`. Type `/devloop help` for the list of commands.";
    }

    private static String line(CommandGrammar.Usage u) {
        return "`/devloop " + u.usage() + "` — " + u.summary();
    }
}
