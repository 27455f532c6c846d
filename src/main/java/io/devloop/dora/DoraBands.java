package io.devloop.dora;

import java.util.List;

/**
 * The performance bands of the DORA State of DevOps reports, in ONE table: a new report is a change of one row.
 *
 * <ul>
 * <li>Deployment frequency and lead time: the 2024 report (Accelerate State of DevOps 2024). Elite deploys on demand
 *     (several a day; here: at least once a day on average), high between once a day and once a week, medium between
 *     once a week and once a month, low less often. Lead time: elite under a day, high a day to a week, medium a week
 *     to a month, low longer.</li>
 * <li>Change failure rate: the reports give each cluster's typical value, not edges. 2024's clusters are not ordered
 *     (elite 5 %, high 20 %, medium 10 %, low 40 %), so the edges come from the 2023 report's ordered clusters
 *     (elite 5 %, high 10 %, medium 15 %, low 64 %): a rate belongs to the nearest cluster, i.e. the edges are the
 *     midpoints 7.5 %, 12.5 % and 39.5 %.</li>
 * <li>Time to restore (2023: "failed deployment recovery time"): elite under an hour, high under a day, medium under
 *     a week, low longer.</li>
 * </ul>
 */
public final class DoraBands {
    public enum Band {
        ELITE("Elite"), HIGH("High"), MEDIUM("Medium"), LOW("Low");

        public final String label;

        Band(String label) {
            this.label = label;
        }
    }

    public enum Metric { DEPLOYS_PER_DAY, LEAD_TIME_HOURS, CHANGE_FAILURE_PERCENT, RESTORE_HOURS }

    /**
     * One metric's edges: for a higher-is-better metric a value reaching {@code elite} is elite; for a lower-is-better
     * one a value below {@code elite} is elite; and so on down to low.
     */
    record Row(Metric metric, String report, boolean higherIsBetter, double elite, double high, double medium) {
    }

    static final List<Row> TABLE = List.of(
            new Row(Metric.DEPLOYS_PER_DAY, "2024", true, 1.0, 1.0 / 7, 1.0 / 30),
            new Row(Metric.LEAD_TIME_HOURS, "2024", false, 24, 24 * 7, 24 * 30),
            new Row(Metric.CHANGE_FAILURE_PERCENT, "2023", false, 7.5, 12.5, 39.5),
            new Row(Metric.RESTORE_HOURS, "2023", false, 1, 24, 24 * 7));

    /** Where the bands come from, for the footer of the DORA message. */
    public static final String SOURCE = "Bands: DORA State of DevOps 2024 (deployment frequency, lead time) and 2023"
            + " (change failure rate, time to restore).";

    private DoraBands() {
    }

    public static Band of(Metric metric, double value) {
        Row row = TABLE.stream().filter(r -> r.metric() == metric).findFirst().orElseThrow();
        double[] edges = {row.elite(), row.high(), row.medium()};
        Band[] bands = Band.values();
        for (int i = 0; i < edges.length; i++) {
            if (row.higherIsBetter() ? value >= edges[i] : value < edges[i]) {
                return bands[i];
            }
        }
        return Band.LOW;
    }
}
