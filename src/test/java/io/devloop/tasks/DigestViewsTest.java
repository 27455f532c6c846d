package io.devloop.tasks;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.util.json.GsonFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static io.devloop.tasks.TaskFixtures.done;
import static io.devloop.tasks.TaskFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

/** The digest people read, pinned as Block Kit JSON; regenerate with -Dgolden.update=true after a deliberate change. */
class DigestViewsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/task-digest.json");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Tuesday 10 March 2026, 09:00 in Berlin. */
    private static final Instant NOW = Instant.parse("2026-03-10T08:00:00Z");

    static List<Task> sprint() {
        return List.of(
                open(1, "Rotate the TLS certificates", 3, "U0BOB", Instant.parse("2026-03-10T16:00:00Z")),
                open(2, "Patch <openssl> & friends", 5, null, Instant.parse("2026-03-10T06:30:00Z")), // today, hour passed
                open(3, "Canary analysis for checkout", 8, "U0CAROL", Instant.parse("2026-03-06T17:00:00Z")),
                done(4, "Add p95 latency alert", 2, "U0ALICE", Instant.parse("2026-03-09T17:00:00Z"),
                        Instant.parse("2026-03-09T15:00:00Z")),
                done(5, "Set up the staging cluster", 13, "U0BOB", Instant.parse("2026-03-05T17:00:00Z"),
                        Instant.parse("2026-03-05T12:00:00Z")),
                open(6, "Load test the cart", 1, "U0BOB", Instant.parse("2026-03-20T12:00:00Z")),
                open(7, "Write the runbook", 2, "U0CAROL", null),
                // 00:30 on the 11th in Berlin although still the 10th in UTC: not due today
                open(8, "Tidy the dashboards", 3, "U0ALICE", Instant.parse("2026-03-10T23:30:00Z")));
    }

    @Test
    void the_digest_matches_its_golden_file() throws IOException {
        String actual = pretty(GsonFactory.createSnakeCase().toJson(DigestViews.digest(sprint(), NOW, BERLIN)));

        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void sections_follow_the_calendar_day_of_the_digests_zone() {
        var s = DigestViews.sections(sprint(), NOW, BERLIN, true);

        assertThat(s.dueToday()).extracting(Task::displayId).containsExactly("DO-002", "DO-001");
        assertThat(s.overdue()).extracting(Task::displayId).containsExactly("DO-003");
        assertThat(s.done()).extracting(Task::displayId).containsExactly("DO-004");
        assertThat(s.burned()).isEqualTo(15);
        assertThat(s.remaining()).isEqualTo(22);
        assertThat(DigestViews.text(sprint(), NOW, BERLIN, true))
                .isEqualTo("Daily tasks digest: 2 due today, 1 overdue, 1 done yesterday");
    }

    @Test
    void on_a_monday_of_a_weekdays_digest_done_covers_friday_and_the_weekend() {
        Instant monday = Instant.parse("2026-03-16T08:00:00Z");
        List<Task> tasks = List.of(
                done(1, "Friday's work", 3, "U0BOB", null, Instant.parse("2026-03-13T15:00:00Z")),
                done(2, "Thursday's work", 2, "U0BOB", null, Instant.parse("2026-03-12T15:00:00Z")));

        assertThat(DigestViews.sections(tasks, monday, BERLIN, true).done()).extracting(Task::displayId).containsExactly("DO-001");
        assertThat(DigestViews.sections(tasks, monday, BERLIN, true).doneTitle()).isEqualTo("Done since Friday");
        assertThat(DigestViews.sections(tasks, monday, BERLIN, false).done()).isEmpty();
    }

    @Test
    void nothing_due_overdue_or_done_is_a_short_message_not_empty_sections() {
        List<Task> tasks = List.of(open(6, "Load test the cart", 1, "U0BOB", Instant.parse("2026-03-20T12:00:00Z")));

        List<LayoutBlock> blocks = DigestViews.digest(tasks, NOW, BERLIN);

        assertThat(blocks).hasSize(3);
        assertThat(markdown(blocks.get(1))).startsWith("*Nothing due today*");
        assertThat(markdown(blocks.get(2))).isEqualTo("Points burned 0 · remaining 1");
        assertThat(DigestViews.text(tasks, NOW, BERLIN, true)).isEqualTo("Daily tasks digest: nothing due today");
    }

    @Test
    void a_section_lists_ten_then_says_how_many_more() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            tasks.add(open(i, "Task " + i, 1, "U0BOB", Instant.parse("2026-03-10T12:00:00Z").plusSeconds(i)));
        }

        String due = markdown(DigestViews.digest(tasks, NOW, BERLIN).get(1));

        assertThat(due).startsWith("*Due today* · 13").contains("DO-010").doesNotContain("DO-011")
                .endsWith("_+3 more — `/devloop tasks` lists them all_");
    }

    @Test
    void the_longest_titles_stay_within_block_kit_limits() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            tasks.add(open(i, "🚀&<".repeat(200), 13, "U0BOB", Instant.parse("2026-03-0" + (1 + i % 9) + "T12:00:00Z")));
            tasks.add(done(100 + i, "🚀".repeat(300), 13, "U0BOB", null, Instant.parse("2026-03-09T12:00:00Z")));
        }

        List<LayoutBlock> blocks = DigestViews.digest(tasks, NOW, BERLIN);

        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(((HeaderBlock) blocks.get(0)).getText().getText().length()).isLessThanOrEqualTo(150);
        blocks.stream().filter(b -> b instanceof SectionBlock).map(DigestViewsTest::markdown)
                .forEach(text -> assertThat(text.length()).isLessThanOrEqualTo(3000));
        assertThat(markdown(blocks.get(1))).contains("&amp;&lt;").doesNotContain("&<");
    }

    @Test
    void times_are_slack_date_tokens_so_each_reader_sees_their_own_zone() {
        assertThat(DigestViews.line(sprint().get(0), false)).isEqualTo(
                "DO-001 *Rotate the TLS certificates* · 3 pts · <@U0BOB> · due "
                        + "<!date^1773158400^{date_short_pretty} {time}|2026-03-10 16:00 UTC>");
    }

    static String markdown(LayoutBlock block) {
        if (block instanceof SectionBlock s) {
            return s.getText().getText();
        }
        return ((MarkdownTextObject) ((ContextBlock) block).getElements().get(0)).getText();
    }

    private static String pretty(String json) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(JsonParser.parseString(json)) + "\n";
    }
}
