package io.devloop.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsFormTest {

    @Test
    void technical_lines_keep_the_typed_threshold_and_its_structured_value() {
        var metrics = MetricsForm.parseTechnical("""
                Checkout latency | p95 < 300 ms | p95 > 500 ms | Prometheus
                Error rate | < 0.5 % | > 1 % | Grafana
                Saturation | below 70 %""");

        assertThat(metrics.problems()).isEmpty();
        assertThat(metrics.metrics()).containsExactly(
                new MetricsForm.MetricDraft("Checkout latency", "p95 < 300 ms", "Prometheus", "p95 > 500 ms",
                        new ThresholdParser.Threshold("p95", ">", 500, "ms")),
                new MetricsForm.MetricDraft("Error rate", "< 0.5 %", "Grafana", "> 1 %",
                        new ThresholdParser.Threshold("Error rate", ">", 1, "%")),
                new MetricsForm.MetricDraft("Saturation", "below 70 %", null, null, null));
    }

    @Test
    void a_bad_threshold_or_shape_is_reported_with_its_line_number() {
        var metrics = MetricsForm.parseTechnical("""
                Checkout latency | p95 < 300 ms | p95 > 500 ms | Prometheus

                Error rate | < 0.5 % | too many | Grafana
                Latency | fast | p95 > | Prometheus
                | no name
                A | b | > 1 | c | d""");

        assertThat(metrics.metrics()).isEmpty();
        assertThat(metrics.problems()).hasSize(4);
        assertThat(metrics.problems().get(0)).startsWith("line 3: the threshold “too many” has no comparator");
        assertThat(metrics.problems().get(1)).startsWith("line 4: the threshold “p95 >” has no number after >");
        assertThat(metrics.problems().get(2)).isEqualTo("line 5: the metric needs a name before the first |");
        assertThat(metrics.problems().get(3)).startsWith("line 6: a technical metric has at most four parts");
    }

    @Test
    void business_lines_have_a_name_a_target_and_a_source_and_no_threshold() {
        var metrics = MetricsForm.parseBusiness("""
                Recovered carts | +5 % in 30 days | Looker
                Revenue | +2 % | Finance report | extra""");

        assertThat(metrics.problems()).containsExactly(
                "line 2: a business metric has at most three parts: name | target | measured by");
        assertThat(MetricsForm.parseBusiness("Recovered carts | +5 % in 30 days | Looker").metrics()).containsExactly(
                new MetricsForm.MetricDraft("Recovered carts", "+5 % in 30 days", "Looker", null, null));
    }

    @Test
    void field_lengths_stay_within_the_schema_and_lists_within_twenty() {
        assertThat(MetricsForm.parseBusiness("n | " + "t".repeat(501)).problems())
                .containsExactly("line 1: the target is longer than 500 characters");
        assertThat(MetricsForm.parseTechnical("n | t | > 1 | " + "m".repeat(501)).problems())
                .containsExactly("line 1: “measured by” is longer than 500 characters");
        assertThat(MetricsForm.parseTechnical("n | t | > " + "1".repeat(200) + " | m").problems())
                .containsExactly("line 1: the alert threshold is longer than 200 characters");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            lines.add("Metric " + i + " | target");
        }
        assertThat(MetricsForm.parseBusiness(String.join("\n", lines)).problems())
                .containsExactly("at most 20 metrics, this has 21");
    }

    @Test
    void saved_metrics_render_back_into_lines_that_parse_to_the_same_metrics() {
        String typed = """
                Checkout latency|p95 < 300 ms|p95 > 500 ms|Prometheus
                Error rate |  | >1% | Grafana
                Saturation | below 70 %""";
        var drafts = MetricsForm.parseTechnical(typed).metrics();
        List<SuccessMetric> saved = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            var m = drafts.get(i);
            var t = m.threshold();
            saved.add(new SuccessMetric(i, "T1", 1, SuccessMetric.TECHNICAL, i + 1, m.name(), m.target(), m.measuredBy(),
                    m.thresholdText(), t == null ? null : t.metric(), t == null ? null : t.comparator(),
                    t == null ? null : t.value(), t == null ? null : t.unit()));
        }

        String rendered = MetricsForm.renderTechnical(saved);

        assertThat(rendered).isEqualTo("""
                Checkout latency | p95 < 300 ms | p95 > 500 ms | Prometheus
                Error rate |  | >1% | Grafana
                Saturation | below 70 %""");
        assertThat(MetricsForm.parseTechnical(rendered).metrics()).isEqualTo(drafts);
    }
}
