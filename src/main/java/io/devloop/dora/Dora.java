package io.devloop.dora;

import io.devloop.dora.DoraBands.Band;
import io.devloop.dora.DoraBands.Metric;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The four DORA numbers from plain facts, per service and overall — no database, so a test can check them by hand.
 * <ul>
 * <li>Deployment frequency: successful production deployments ÷ days.</li>
 * <li>Lead time for changes: median of deployment time − commit time, over the deployments whose commit time is
 *     known (the rest are counted and reported).</li>
 * <li>Change failure rate: deployments that caused a failure ÷ deployments. A failure — a failed production
 *     deployment, a rollback, an incident that started — counts against the latest successful deployment of that
 *     service before it, when that deployment was at most 24 h earlier; each deployment counts once.</li>
 * <li>Time to restore: median of resolved − started over the incidents resolved in the window.</li>
 * </ul>
 */
public final class Dora {
    static final Duration FAILURE_WINDOW = Duration.ofHours(24);

    public record Deploy(String service, Instant at, Instant committedAt) {
    }

    /** A failed deployment, a rollback or an incident on a service. */
    public record Failure(String service, Instant at) {
    }

    public record Restore(String service, Instant startedAt, Instant resolvedAt) {
    }

    /** One service's numbers (service null: overall); a null value means "no data" and has no band. */
    public record Stats(String service, int deployments, double deploysPerDay, Band frequencyBand, Duration leadTime,
                        Band leadTimeBand, int withoutCommitTime, int failedDeployments, Double changeFailurePercent,
                        Band changeFailureBand, Duration timeToRestore, int restoredIncidents, Band restoreBand) {
    }

    public record Report(int days, Instant from, Instant to, Stats overall, List<Stats> services) {
    }

    private Dora() {
    }

    public static Report compute(int days, Instant to, List<Deploy> deploys, List<Failure> failures, List<Restore> restores) {
        Instant from = to.minus(Duration.ofDays(days));
        List<Deploy> inWindow = deploys.stream().filter(d -> !d.at().isBefore(from) && !d.at().isAfter(to))
                .sorted(Comparator.comparing(Deploy::at)).toList();
        List<Deploy> failed = failedDeploys(inWindow, failures);
        List<Restore> restored = restores.stream().filter(r -> r.resolvedAt() != null
                && !r.resolvedAt().isBefore(from) && !r.resolvedAt().isAfter(to)).toList();
        TreeSet<String> services = new TreeSet<>();
        inWindow.forEach(d -> services.add(d.service()));
        restored.stream().filter(r -> r.service() != null).forEach(r -> services.add(r.service()));
        List<Stats> perService = new ArrayList<>();
        for (String s : services) {
            perService.add(stats(s, days, inWindow, failed, restored, x -> s.equals(x)));
        }
        return new Report(days, from, to, stats(null, days, inWindow, failed, restored, x -> true), perService);
    }

    private static List<Deploy> failedDeploys(List<Deploy> deploys, List<Failure> failures) {
        List<Deploy> failed = new ArrayList<>();
        for (Failure f : failures) {
            deploys.stream()
                    .filter(d -> d.service().equals(f.service()) && !d.at().isAfter(f.at())
                            && Duration.between(d.at(), f.at()).compareTo(FAILURE_WINDOW) <= 0)
                    .max(Comparator.comparing(Deploy::at))
                    .filter(d -> !failed.contains(d))
                    .ifPresent(failed::add);
        }
        return failed;
    }

    private static Stats stats(String service, int days, List<Deploy> deploys, List<Deploy> failed, List<Restore> restores,
                               Predicate<String> of) {
        List<Deploy> mine = deploys.stream().filter(d -> of.test(d.service())).toList();
        int n = mine.size();
        double perDay = (double) n / days;
        List<Duration> leads = mine.stream().filter(d -> d.committedAt() != null)
                .map(d -> Duration.between(d.committedAt(), d.at())).filter(d -> !d.isNegative()).toList();
        int withoutCommit = (int) mine.stream().filter(d -> d.committedAt() == null).count();
        Duration lead = median(leads);
        int failedCount = (int) failed.stream().filter(d -> of.test(d.service())).count();
        Double cfr = n == 0 ? null : 100.0 * failedCount / n;
        List<Duration> restoreTimes = restores.stream().filter(r -> of.test(r.service()))
                .map(r -> Duration.between(r.startedAt(), r.resolvedAt())).toList();
        Duration restore = median(restoreTimes);
        return new Stats(service, n, perDay, n == 0 ? null : DoraBands.of(Metric.DEPLOYS_PER_DAY, perDay),
                lead, lead == null ? null : DoraBands.of(Metric.LEAD_TIME_HOURS, hours(lead)), withoutCommit,
                failedCount, cfr, cfr == null ? null : DoraBands.of(Metric.CHANGE_FAILURE_PERCENT, cfr),
                restore, restoreTimes.size(), restore == null ? null : DoraBands.of(Metric.RESTORE_HOURS, hours(restore)));
    }

    /** The middle value; the mean of the two middle values for an even count; null when there are none. */
    static Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }

    private static double hours(Duration d) {
        return d.toMillis() / 3_600_000.0;
    }
}
