package io.devloop.alerts;

import io.devloop.alerts.RollbackCriteria.Signal;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.Webhooks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Firing alerts matched against a loop's rollback criteria and technical alert thresholds, by signal. */
class RollbackCriteriaTest extends DevloopTest {

    @Test
    void signals_come_from_words_and_camel_case() {
        assertThat(RollbackCriteria.signals("HighErrorRate")).containsExactly(Signal.ERRORS);
        assertThat(RollbackCriteria.signals("CheckoutLatencyP99High")).containsExactly(Signal.LATENCY);
        assertThat(RollbackCriteria.signals("p95 > 500 ms")).containsExactly(Signal.LATENCY);
        assertThat(RollbackCriteria.signals("5xx ratio above 2 %")).containsExactly(Signal.ERRORS);
        assertThat(RollbackCriteria.signals("InstanceDown")).containsExactly(Signal.AVAILABILITY);
        assertThat(RollbackCriteria.signals("Watchdog")).isEmpty();
        assertThat(RollbackCriteria.signals("conversion drops by 10 %")).isEmpty();
    }

    @Test
    void an_alert_about_the_same_signal_as_a_criterion_says_which_and_offers_roll_back() {
        long loopId = planLoop("Checkout v2");
        server.jdbi().useHandle(h -> {
            h.execute("UPDATE loops SET service = 'checkout' WHERE id = ?", loopId);
            h.execute("INSERT INTO loop_experiments (team_id, loop_id, rollback_criteria, edited_by, edited_at) VALUES (?, ?, ?, 'U1', ?)",
                    FakeSlack.TEAM, loopId, "conversion drops by 10 %\np95 latency above 800 ms for 5 min; error rate > 2 %",
                    Instant.now());
            h.execute("""
                    INSERT INTO loop_metrics (team_id, loop_id, kind, position, name, threshold_text)
                    VALUES (?, ?, 'technical', 1, 'Availability', 'uptime < 99.9 %')""", FakeSlack.TEAM, loopId);
        });
        int before = slack.calls("chat.postMessage").size();

        Webhooks.alertmanager(server, AlertPayloads.notification("g", 0, List.of(
                AlertPayloads.A.firing("00000000000000e1", "alertname", "HighErrorRate", "service", "checkout"),
                AlertPayloads.A.firing("00000000000000e2", "alertname", "InstanceDown", "service", "Checkout"),
                AlertPayloads.A.firing("00000000000000e3", "alertname", "DiskAlmostFull", "service", "checkout"),
                AlertPayloads.A.firing("00000000000000e4", "alertname", "HighErrorRate", "service", "search"))));

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= before + 4);
        List<FakeSlack.Call> posts = slack.calls("chat.postMessage").subList(before, before + 4);
        String errors = blocksOf(posts, "HighErrorRate on checkout");
        assertThat(errors).contains("Rollback criterion breached:* L-1 Checkout v2 rollback criterion “error rate &gt; 2 %” (both about errors)",
                "\"action_id\":\"rollback_open\"", "\"value\":\"checkout\"");
        assertThat(blocksOf(posts, "InstanceDown")).contains(
                "L-1 Checkout v2 alert threshold of Availability: “uptime &lt; 99.9 %” (both about availability)", "rollback_open");
        assertThat(blocksOf(posts, "DiskAlmostFull")).doesNotContain("Rollback criterion", "rollback_open");
        assertThat(blocksOf(posts, "HighErrorRate on search")).doesNotContain("Rollback criterion", "rollback_open");
    }

    private static String blocksOf(List<FakeSlack.Call> posts, String textPart) {
        return posts.stream().filter(p -> p.get("text").contains(textPart)).findFirst().orElseThrow().blocks().toString();
    }
}
