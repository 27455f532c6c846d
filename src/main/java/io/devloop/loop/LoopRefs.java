package io.devloop.loop;

import io.devloop.slack.SlackText;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the {@code <loop>} of a command into a loop: an id ({@code L-3}, {@code l-03}, {@code L 3}), a feature name
 * among this channel's loops (case-insensitive, whole name or a unique part of it), or nothing — the channel's most
 * recently active loop. None or several → a message listing the channel's loops with the command to type.
 */
public final class LoopRefs {
    private static final Pattern ID = Pattern.compile("(?i)^l\\s*-?\\s*0*(\\d{1,9})$");

    private LoopRefs() {
    }

    public sealed interface Resolution {
        record Found(Loop loop) implements Resolution { }
        record Problem(String message) implements Resolution { }
    }

    /**
     * @param usage how to run the command with a loop id in it, e.g. "/devloop pipeline %s" (%s becomes the id)
     */
    public static Resolution resolve(Jdbi jdbi, String teamId, String channelId, String ref, String usage) {
        return jdbi.withExtension(LoopDao.class, dao -> resolve(dao, teamId, channelId, ref == null ? "" : ref.strip(), usage));
    }

    private static Resolution resolve(LoopDao dao, String teamId, String channelId, String ref, String usage) {
        Matcher id = ID.matcher(ref);
        if (id.matches()) {
            return dao.findBySeq(teamId, Long.parseLong(id.group(1)))
                    .<Resolution>map(Resolution.Found::new)
                    .orElseGet(() -> new Resolution.Problem("There is no loop `L-" + id.group(1) + "` in this workspace. "
                            + choices(dao.inChannel(teamId, channelId), usage)));
        }
        List<Loop> here = dao.inChannel(teamId, channelId);
        if (ref.isEmpty()) {
            return here.isEmpty() ? new Resolution.Problem(noLoops()) : new Resolution.Found(here.get(0));
        }
        String key = SlackText.clean(ref).toLowerCase(Locale.ROOT);
        Optional<Loop> exact = here.stream().filter(l -> l.featureKey().equals(key)).findFirst();
        if (exact.isPresent()) {
            return new Resolution.Found(exact.get());
        }
        List<Loop> partial = here.stream().filter(l -> l.featureKey().contains(key)).toList();
        if (partial.size() == 1) {
            return new Resolution.Found(partial.get(0));
        }
        if (here.isEmpty()) {
            return new Resolution.Problem(noLoops());
        }
        String which = partial.isEmpty() ? "No loop in this channel matches “" + SlackText.escape(SlackText.truncate(ref, 80)) + "”. "
                : "Several loops match “" + SlackText.escape(SlackText.truncate(ref, 80)) + "”. ";
        return new Resolution.Problem(which + choices(partial.isEmpty() ? here : partial, usage));
    }

    private static String noLoops() {
        return "This channel has no loop yet. Start one with `/devloop plan <feature>`.";
    }

    private static String choices(List<Loop> loops, String usage) {
        if (loops.isEmpty()) {
            return "Start one with `/devloop plan <feature>`.";
        }
        return "Pick one:\n" + loops.stream().limit(15)
                .map(l -> "• `" + String.format(usage, l.displayId()) + "` — " + SlackText.escape(SlackText.truncate(l.feature(), 80)))
                .collect(Collectors.joining("\n"))
                + (loops.size() > 15 ? "\n+" + (loops.size() - 15) + " more: see `/devloop status`" : "");
    }
}
