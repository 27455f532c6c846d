package io.devloop.incidents;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The words after `/devloop incident` and `/devloop rollback` (ARCHITECTURE "Slash command grammar"):
 * {@code sev1}…{@code sev4} only as the first word; the next word is the service only when devloop already
 * knows it; in a rollback the word after the service is the version when it looks like one.
 */
final class IncidentCommands {
    /** {@code v1.4.2}, {@code 2024.06.1}, {@code 1.4.2-rc1}, or a 7–40 digit hex commit sha. */
    private static final Pattern VERSION = Pattern.compile("(?i)v?\\d[\\w.-]*|[0-9a-f]{7,40}");

    private IncidentCommands() {
    }

    /** A declaration from the command line; {@code title} empty means "open the modal with what was given". */
    record Declare(Optional<Severity> severity, String service, String title) {
    }

    static Declare declare(String args, Function<String, Optional<String>> knownService) {
        String[] words = args.strip().split("\\s+", 2);
        Optional<Severity> severity = Severity.parse(words[0]).filter(s -> words[0].toLowerCase().startsWith("sev"));
        String rest = severity.isPresent() ? (words.length > 1 ? words[1].strip() : "") : args.strip();
        String[] next = rest.split("\\s+", 2);
        Optional<String> service = next[0].isEmpty() ? Optional.empty() : knownService.apply(next[0]);
        String title = service.isPresent() ? (next.length > 1 ? next[1].strip() : "") : rest;
        return new Declare(severity, service.orElse(null), title);
    }

    /** A tag like {@code v1.4.2} (also {@code refs/tags/v1.4.2}) or a commit sha; branch names are not versions. */
    static boolean looksLikeVersion(String ref) {
        if (ref == null) {
            return false;
        }
        String r = ref.startsWith("refs/tags/") ? ref.substring("refs/tags/".length()) : ref;
        return VERSION.matcher(r).matches();
    }

    record RollbackArgs(String service, String version, String reason) {
    }

    static Optional<RollbackArgs> rollback(String args) {
        String[] words = args.strip().split("\\s+", 3);
        if (words[0].isEmpty()) {
            return Optional.empty();
        }
        String service = words[0];
        if (words.length == 1) {
            return Optional.of(new RollbackArgs(service, null, null));
        }
        if (VERSION.matcher(words[1]).matches()) {
            return Optional.of(new RollbackArgs(service, words[1], words.length > 2 ? words[2].strip() : null));
        }
        String reason = args.strip().substring(service.length()).strip();
        return Optional.of(new RollbackArgs(service, null, reason));
    }
}
