package io.devloop.alerts;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert and storm messages people read, pinned as Block Kit JSON; regenerate with -Dgolden.update=true. */
class AlertViewsGoldenTest {
    private static final Instant START = Instant.parse("2026-11-25T15:32:11Z");

    @Test
    void a_firing_alert_with_a_breach_and_an_acknowledged_resolved_one_match_their_golden_file() throws IOException {
        Alert firing = alert("firing", null, null, "L-2 Checkout v2 rollback criterion “error rate > 2 %” (both about errors)");
        Alert resolved = new Alert(8, "T1", "210a1bec5049d10f", 1, "C1", "HighErrorRate", "checkout", "critical", 1,
                "High 5xx error rate on checkout (checkout-2:8080)", "{}", null, null, "resolved", START,
                START.plusSeconds(754), "INC-3", null, "U0BOB", START.plusSeconds(60), "Silenced during the migration",
                "U0CAROL", 42L, null, START);
        List<List<LayoutBlock>> messages = List.of(AlertViews.message(firing), AlertViews.message(resolved));

        golden("alert-messages.json", GsonFactory.createSnakeCase().toJson(messages));
        assertThat(AlertViews.text(resolved)).isEqualTo("[RESOLVED] HighErrorRate on checkout: High 5xx error rate on checkout (checkout-2:8080)");
    }

    @Test
    void a_storm_message_matches_its_golden_file() throws IOException {
        List<Alert> listed = new ArrayList<>();
        for (int i = 11; i <= 35; i++) {
            listed.add(new Alert(i, "T1", "f" + i, 1, "C1", "InstanceDown", "search", "warning", 0, "search-" + i + " is down",
                    "{}", null, null, i % 5 == 0 ? "resolved" : "firing", START, i % 5 == 0 ? START.plusSeconds(300) : null,
                    null, null, null, null, null, null, null, 99L, START));
        }
        golden("alert-storm.json", GsonFactory.createSnakeCase().toJson(AlertViews.storm(listed, 4, "http://am.example:9093")));
        assertThat(AlertViews.stormText(listed, 4)).isEqualTo("Alert storm: 29 more InstanceDown alerts (20 firing)");
    }

    @Test
    void long_unicode_titles_stay_within_block_kit_limits() {
        Alert a = new Alert(7, "T1", "f", 1, "C1", "🚀".repeat(600), "s".repeat(300), "critical", 1, "💥".repeat(3000),
                "{}", "http://x/" + "a".repeat(5000), null, "firing", START, null, null, "b".repeat(3000), null, null,
                null, null, null, null, START);
        for (LayoutBlock b : AlertViews.message(a)) {
            if (b instanceof SectionBlock s) {
                assertThat(s.getText().getText().length()).isLessThanOrEqualTo(3000);
            }
            if (b instanceof ActionsBlock actions) {
                actions.getElements().forEach(e -> assertThat(((ButtonElement) e).getValue().length()).isLessThan(2000));
            }
        }
        assertThat(AlertViews.declareValue(a)).contains("\"severity\":1").doesNotContain("\uFFFD");
    }

    private static Alert alert(String status, String ackedBy, String note, String breach) {
        return new Alert(7, "T1", "6fdd93e56c46a95e", 1, "C1", "HighErrorRate", "checkout", "critical", 1,
                "High 5xx error rate on checkout (checkout-1:8080)", "{}",
                "http://prometheus.example.internal:9090/graph?g0.expr=job%3Acheckout_http_5xx_ratio%3Arate5m+%3E+0.05&g0.tab=1",
                "https://runbooks.example.internal/checkout/high-error-rate", status, START, null, null, breach, ackedBy,
                null, note, null, 41L, null, START);
    }

    private static void golden(String name, String json) throws IOException {
        Path file = Path.of("src/test/resources/golden", name);
        String actual = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(json)) + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
