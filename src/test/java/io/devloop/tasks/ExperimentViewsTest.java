package io.devloop.tasks;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentViewsTest {
    @Test
    void the_summary_lists_the_filled_fields_escaped() {
        Experiment e = new Experiment("T1", 7, "Edge caching <cuts> p95 & more", "p95 < 300 ms", null, "  ", "U1", Instant.EPOCH);

        assertThat(ExperimentViews.summary(e)).isEqualTo(
                "*Experiment*\n*Hypothesis:* Edge caching &lt;cuts&gt; p95 &amp; more\n*Primary metric:* p95 &lt; 300 ms");
    }

    @Test
    void the_summary_of_the_longest_fields_fits_one_section() {
        Experiment e = new Experiment("T1", 7, "<&🚀".repeat(500), "&".repeat(500), "🚀".repeat(1000), "x".repeat(2000),
                "U1", Instant.EPOCH);

        String summary = ExperimentViews.summary(e);

        assertThat(summary.length()).isLessThanOrEqualTo(3000);
        assertThat(summary).contains("*Hypothesis:*", "*Primary metric:*", "*Infrastructure:*", "*Rollback if:*");
    }

    @Test
    void an_all_empty_context_is_empty() {
        assertThat(new Experiment("T1", 7, null, " ", null, null, "U1", Instant.EPOCH).isEmpty()).isTrue();
    }
}
