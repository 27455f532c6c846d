package io.devloop.tasks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The reminder DM people read, pinned as Block Kit JSON. Regenerate with -Dgolden.update=true after a deliberate change. */
class ReminderDmGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/task-reminder-dm.json");
    private static final Instant DUE = Instant.parse("2026-12-01T17:00:00Z");

    @Test
    void the_reminder_dm_matches_its_golden_file() throws IOException {
        Task task = task("Rotate the TLS certificates of the payment gateway");
        var dm = ReminderViews.reminder(task, "L-3 Checkout v2", ZoneId.of("America/Los_Angeles"), DUE.plusSeconds(2 * 86400));

        String actual = pretty(GsonFactory.createSnakeCase().toJson(dm.blocks()));

        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(dm.text()).isEqualTo("⏰ DO-007 Rotate the TLS certificates of the payment gateway is overdue by 2 days");
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void a_title_of_600_emoji_stays_within_a_sections_3000_characters() {
        var dm = ReminderViews.reminder(task("🚀".repeat(600)), null, ZoneId.of("UTC"), DUE);

        String text = ((SectionBlock) dm.blocks().get(0)).getText().getText();
        assertThat(text.length()).isLessThanOrEqualTo(3000);
        assertThat(text).contains("…").doesNotContain("\uFFFD");
    }

    private static Task task(String title) {
        return new Task(42, "T1", 7, "C0GENERAL", 3L, title, "critical", 5, "U0BOB", DUE, "America/Los_Angeles", "24h",
                null, null, "open", null, null, "U0ALICE", DUE.minusSeconds(86400 * 3), DUE.minusSeconds(86400 * 3));
    }

    private static String pretty(String json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(JsonParser.parseString(json)) + "\n";
    }
}
