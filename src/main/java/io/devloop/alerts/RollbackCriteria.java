package io.devloop.alerts;

import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Does a firing alert breach what a loop said should trigger a rollback? The rule is deliberately simple, so a
 * person can check it by eye: the alert and a criterion must be about the same <em>signal</em> — latency, errors,
 * availability or saturation — judged by keywords. The alert's signal comes from its alertname (HighErrorRate →
 * errors), or from its summary when the name says nothing. The criteria are the loop's rollback criteria (one per
 * line, ";" or " or ") and its technical metrics' alert thresholds, for loops whose service is the alert's
 * service label. devloop does not re-evaluate numbers: Alertmanager already decided the alert fires.
 */
final class RollbackCriteria {
    enum Signal {
        LATENCY("latency", "latency", "slow", "p50", "p75", "p90", "p95", "p99", "duration", "response", "responsetime", "rtt"),
        ERRORS("errors", "error", "errors", "5xx", "4xx", "failure", "failures", "failed", "failing", "exception",
                "exceptions", "errorrate"),
        AVAILABILITY("availability", "down", "unavailable", "availability", "uptime", "unreachable", "outage", "health",
                "healthcheck", "probe", "crashloop", "crashlooping"),
        SATURATION("saturation", "cpu", "memory", "saturation", "oom", "disk", "queue", "backlog", "throttling");

        final String label;
        final Set<String> words;

        Signal(String label, String... words) {
            this.label = label;
            this.words = Set.of(words);
        }
    }

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern CRITERIA_SEPARATORS = Pattern.compile("\\R|;|\\s+or\\s+", Pattern.CASE_INSENSITIVE);

    /** One thing that calls for a rollback: where it comes from and its text. */
    record Criterion(String loopDisplay, String kind, String text, Set<Signal> signals) {
    }

    private final Handle handle;
    private final String teamId;
    private final Map<String, List<Criterion>> byService = new HashMap<>();

    RollbackCriteria(Handle handle, String teamId) {
        this.handle = handle;
        this.teamId = teamId;
    }

    /** Which criterion the alert breaches, in words for its message; empty when none does. */
    Optional<String> breach(String service, String alertName, String summary) {
        if (service == null) {
            return Optional.empty();
        }
        Set<Signal> alertSignals = signals(alertName);
        if (alertSignals.isEmpty()) {
            alertSignals = signals(summary);
        }
        if (alertSignals.isEmpty()) {
            return Optional.empty();
        }
        List<Criterion> criteria = byService.computeIfAbsent(service.toLowerCase(Locale.ROOT), this::load);
        for (Criterion c : criteria) {
            Set<Signal> shared = EnumSet.noneOf(Signal.class);
            shared.addAll(c.signals());
            shared.retainAll(alertSignals);
            if (!shared.isEmpty()) {
                return Optional.of(describe(c, shared.iterator().next()));
            }
        }
        return Optional.empty();
    }

    static String describe(Criterion c, Signal signal) {
        return c.loopDisplay() + " " + c.kind() + " “" + c.text() + "” (both about " + signal.label + ")";
    }

    /** The signals a text names, by whole words (camel case split: HighErrorRate → high, error, rate). */
    static Set<Signal> signals(String text) {
        Set<Signal> found = EnumSet.noneOf(Signal.class);
        if (text == null) {
            return found;
        }
        String spaced = CAMEL.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
        List<String> tokens = List.of(SPLIT.split(spaced));
        for (Signal s : Signal.values()) {
            for (String t : tokens) {
                if (s.words.contains(t)) {
                    found.add(s);
                }
            }
        }
        String joined = String.join(" ", tokens);
        if (joined.contains("response time") || joined.contains("error rate")) {
            found.add(joined.contains("response time") ? Signal.LATENCY : Signal.ERRORS);
        }
        return found;
    }

    private List<Criterion> load(String service) {
        List<Criterion> criteria = new ArrayList<>();
        handle.createQuery("""
                        SELECT l.seq, l.feature, e.rollback_criteria FROM loops l
                        JOIN loop_experiments e ON e.team_id = l.team_id AND e.loop_id = l.id
                        WHERE l.team_id = :teamId AND LOWER(l.service) = :service AND e.rollback_criteria IS NOT NULL
                        ORDER BY l.seq""")
                .bind("teamId", teamId).bind("service", service)
                .map((rs, ctx) -> {
                    String loop = "L-" + rs.getLong("seq") + " " + rs.getString("feature");
                    for (String part : CRITERIA_SEPARATORS.split(rs.getString("rollback_criteria"))) {
                        String text = part.strip();
                        if (!text.isEmpty()) {
                            criteria.add(new Criterion(loop, "rollback criterion", text, signals(text)));
                        }
                    }
                    return 0;
                }).list();
        handle.createQuery("""
                        SELECT l.seq, l.feature, m.name, m.threshold_text FROM loops l
                        JOIN loop_metrics m ON m.team_id = l.team_id AND m.loop_id = l.id
                        WHERE l.team_id = :teamId AND LOWER(l.service) = :service AND m.kind = 'technical'
                          AND m.threshold_text IS NOT NULL
                        ORDER BY l.seq, m.position""")
                .bind("teamId", teamId).bind("service", service)
                .map((rs, ctx) -> {
                    String loop = "L-" + rs.getLong("seq") + " " + rs.getString("feature");
                    String name = rs.getString("name");
                    String threshold = rs.getString("threshold_text");
                    Set<Signal> signals = signals(name + " " + threshold);
                    criteria.add(new Criterion(loop, "alert threshold of " + name + ":", threshold, signals));
                    return 0;
                }).list();
        return criteria;
    }
}
