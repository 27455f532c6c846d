package io.devloop.dora;

import io.devloop.dora.DoraBands.Band;
import io.devloop.dora.DoraBands.Metric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** DORA numbers on a fixed set of facts, computed by hand in the comments. */
class DoraTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z"); // 30 days back: from 2026-11-01T00:00Z

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static final List<Dora.Deploy> DEPLOYS = List.of(
            new Dora.Deploy("checkout", t("2026-11-02T10:00:00Z"), t("2026-11-02T08:00:00Z")), // D1 lead 2 h
            new Dora.Deploy("checkout", t("2026-11-05T10:00:00Z"), t("2026-11-04T10:00:00Z")), // D2 lead 24 h
            new Dora.Deploy("checkout", t("2026-11-10T10:00:00Z"), null),                      // D3 no commit time
            new Dora.Deploy("checkout", t("2026-11-20T10:00:00Z"), t("2026-11-19T22:00:00Z")), // D4 lead 12 h
            new Dora.Deploy("search", t("2026-11-15T12:00:00Z"), t("2026-11-08T12:00:00Z")),   // S1 lead 168 h
            new Dora.Deploy("search", t("2026-10-20T12:00:00Z"), t("2026-10-20T11:00:00Z")));  // before the window

    private static final List<Dora.Failure> FAILURES = List.of(
            new Dora.Failure("checkout", t("2026-11-05T14:00:00Z")), // failed deploy, 4 h after D2 → D2 failed
            new Dora.Failure("checkout", t("2026-11-05T15:00:00Z")), // rollback, also D2: counted once
            new Dora.Failure("checkout", t("2026-11-12T10:00:00Z")), // incident 48 h after D3: no deployment to blame
            new Dora.Failure("search", t("2026-11-15T20:00:00Z")));  // incident 8 h after S1 → S1 failed

    private static final List<Dora.Restore> RESTORES = List.of(
            new Dora.Restore("checkout", t("2026-11-05T14:00:00Z"), t("2026-11-05T14:30:00Z")), // 30 min
            new Dora.Restore("checkout", t("2026-11-12T10:00:00Z"), t("2026-11-12T12:00:00Z")), // 2 h
            new Dora.Restore("search", t("2026-11-15T20:00:00Z"), t("2026-11-16T02:00:00Z")),   // 6 h
            new Dora.Restore("search", t("2026-10-01T00:00:00Z"), t("2026-10-02T00:00:00Z")));  // resolved before the window

    @Test
    void overall_numbers_and_bands() {
        Dora.Report r = Dora.compute(30, NOW, DEPLOYS, FAILURES, RESTORES);
        Dora.Stats o = r.overall();

        assertThat(r.from()).isEqualTo(t("2026-11-01T00:00:00Z"));
        // 5 deployments in 30 days = 0.167/day: at least weekly (1/7 = 0.143), not daily → high
        assertThat(o.deployments()).isEqualTo(5);
        assertThat(o.deploysPerDay()).isCloseTo(5.0 / 30, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(o.frequencyBand()).isEqualTo(Band.HIGH);
        // lead times 2, 12, 24, 168 h → median (12 + 24) / 2 = 18 h < 1 day → elite; D3 has no commit time
        assertThat(o.leadTime()).isEqualTo(Duration.ofHours(18));
        assertThat(o.leadTimeBand()).isEqualTo(Band.ELITE);
        assertThat(o.withoutCommitTime()).isEqualTo(1);
        // D2 and S1 failed: 2 of 5 = 40 % ≥ 39.5 % → low
        assertThat(o.failedDeployments()).isEqualTo(2);
        assertThat(o.changeFailurePercent()).isEqualTo(40.0);
        assertThat(o.changeFailureBand()).isEqualTo(Band.LOW);
        // restores 30 min, 2 h, 6 h → median 2 h: under a day, not under an hour → high
        assertThat(o.timeToRestore()).isEqualTo(Duration.ofHours(2));
        assertThat(o.restoredIncidents()).isEqualTo(3);
        assertThat(o.restoreBand()).isEqualTo(Band.HIGH);
    }

    @Test
    void per_service_numbers_and_bands() {
        Dora.Report r = Dora.compute(30, NOW, DEPLOYS, FAILURES, RESTORES);
        assertThat(r.services()).extracting(Dora.Stats::service).containsExactly("checkout", "search");
        Dora.Stats checkout = r.services().get(0);
        Dora.Stats search = r.services().get(1);

        // checkout: 4 in 30 days = 0.133/day, less than weekly but at least monthly → medium
        assertThat(checkout.deployments()).isEqualTo(4);
        assertThat(checkout.frequencyBand()).isEqualTo(Band.MEDIUM);
        // 2, 12, 24 h → 12 h → elite
        assertThat(checkout.leadTime()).isEqualTo(Duration.ofHours(12));
        assertThat(checkout.leadTimeBand()).isEqualTo(Band.ELITE);
        assertThat(checkout.withoutCommitTime()).isEqualTo(1);
        // 1 of 4 = 25 % → medium (12.5 % ≤ 25 % < 39.5 %)
        assertThat(checkout.changeFailurePercent()).isEqualTo(25.0);
        assertThat(checkout.changeFailureBand()).isEqualTo(Band.MEDIUM);
        // 30 min and 2 h → 75 min → high
        assertThat(checkout.timeToRestore()).isEqualTo(Duration.ofMinutes(75));
        assertThat(checkout.restoreBand()).isEqualTo(Band.HIGH);

        // search: exactly 1 in 30 days = the monthly edge → medium; 168 h = exactly a week → not high → medium
        assertThat(search.frequencyBand()).isEqualTo(Band.MEDIUM);
        assertThat(search.leadTime()).isEqualTo(Duration.ofHours(168));
        assertThat(search.leadTimeBand()).isEqualTo(Band.MEDIUM);
        assertThat(search.changeFailurePercent()).isEqualTo(100.0);
        assertThat(search.changeFailureBand()).isEqualTo(Band.LOW);
        assertThat(search.timeToRestore()).isEqualTo(Duration.ofHours(6));
        assertThat(search.restoreBand()).isEqualTo(Band.HIGH);
    }

    @Test
    void no_data_has_no_band() {
        Dora.Report r = Dora.compute(7, NOW, List.of(), List.of(), List.of());
        assertThat(r.overall().deployments()).isZero();
        assertThat(r.overall().frequencyBand()).isNull();
        assertThat(r.overall().leadTime()).isNull();
        assertThat(r.overall().changeFailurePercent()).isNull();
        assertThat(r.overall().timeToRestore()).isNull();
        assertThat(r.services()).isEmpty();
    }

    @Test
    void the_band_table_edges() {
        assertThat(DoraBands.of(Metric.DEPLOYS_PER_DAY, 3)).isEqualTo(Band.ELITE);
        assertThat(DoraBands.of(Metric.DEPLOYS_PER_DAY, 1)).isEqualTo(Band.ELITE);
        assertThat(DoraBands.of(Metric.DEPLOYS_PER_DAY, 0.01)).isEqualTo(Band.LOW);
        assertThat(DoraBands.of(Metric.LEAD_TIME_HOURS, 23.9)).isEqualTo(Band.ELITE);
        assertThat(DoraBands.of(Metric.LEAD_TIME_HOURS, 24 * 31)).isEqualTo(Band.LOW);
        // the 2023 clusters' typical values fall in their own bands
        assertThat(DoraBands.of(Metric.CHANGE_FAILURE_PERCENT, 5)).isEqualTo(Band.ELITE);
        assertThat(DoraBands.of(Metric.CHANGE_FAILURE_PERCENT, 10)).isEqualTo(Band.HIGH);
        assertThat(DoraBands.of(Metric.CHANGE_FAILURE_PERCENT, 15)).isEqualTo(Band.MEDIUM);
        assertThat(DoraBands.of(Metric.CHANGE_FAILURE_PERCENT, 64)).isEqualTo(Band.LOW);
        assertThat(DoraBands.of(Metric.RESTORE_HOURS, 0.5)).isEqualTo(Band.ELITE);
        assertThat(DoraBands.of(Metric.RESTORE_HOURS, 24 * 8)).isEqualTo(Band.LOW);
    }

    @Test
    void median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assertThat(Dora.median(List.of(Duration.ofMinutes(10), Duration.ofMinutes(40), Duration.ofMinutes(20), Duration.ofMinutes(30))))
                .isEqualTo(Duration.ofMinutes(25));
        assertThat(Dora.median(List.of())).isNull();
    }
}
