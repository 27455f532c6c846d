package io.devloop.loop;

/**
 * A technical or business success metric. Technical metrics carry an alert threshold, kept as typed and as
 * structured values (metric, comparator, number, unit) so alerts can be evaluated against it later.
 */
public record SuccessMetric(long id, String teamId, long loopId, String kind, int position, String name, String target,
                            String measuredBy, String thresholdText, String thresholdMetric, String thresholdComparator,
                            Double thresholdValue, String thresholdUnit) {
    public static final String TECHNICAL = "technical";
    public static final String BUSINESS = "business";
}
