package io.devloop.loop;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exported markdown people keep, pinned as golden files (one per file). Regenerate with -Dgolden.update=true
 * after a deliberate change, and read the diff.
 */
class LoopExportGoldenTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/export");
    private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

    /** The golden content of each file, in upload order. */
    static Map<String, String> golden() throws IOException {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        for (String name : List.of(LoopExport.MAPPING, LoopExport.FEEDBACK, LoopExport.PIPELINE, LoopExport.METRICS)) {
            files.put(name, Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8));
        }
        return files;
    }

    @Test
    void a_complete_loop_exports_four_files_that_match_their_golden_files() throws IOException {
        LoopSnapshot snapshot = ExportFixtures.complete(7);
        Score score = Score.of(snapshot);

        Map<String, String> files = LoopExport.files(snapshot, score, ExportFixtures.ZONE);

        assertThat(score.total()).as("the fixture is a complete loop").isEqualTo(100);
        assertThat(files.keySet()).containsExactly("loop-mapping.md", "feedback-loops.md", "pipeline-design.md", "success-metrics.md");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            for (var file : files.entrySet()) {
                Files.writeString(GOLDEN.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        }
        SoftAssertions softly = new SoftAssertions();
        golden().forEach((name, expected) -> softly.assertThat(files.get(name)).as(name).isEqualTo(expected));
        softly.assertAll();
    }

    @Test
    void times_are_shown_in_the_given_zone_and_name_it_with_summer_and_winter_offsets() {
        Map<String, String> files = LoopExport.files(ExportFixtures.complete(7), Score.of(ExportFixtures.complete(7)), ExportFixtures.ZONE);

        assertThat(files.get(LoopExport.MAPPING))
                .contains("planned 2026-03-02 09:15 +01:00 (Europe/Berlin)")
                .contains("_Last edited by @U0ALICE on 2026-07-14 14:05 +02:00 (Europe/Berlin)_")
                .contains("_Last edited by @U0GRACE on 2026-11-30 17:45 +01:00 (Europe/Berlin)_");
    }

    @Test
    void user_text_cannot_break_a_table_row_or_the_mermaid_chart() {
        Map<String, String> files = LoopExport.files(ExportFixtures.complete(7), Score.of(ExportFixtures.complete(7)), ExportFixtures.ZONE);

        // every table row keeps its column count although cells hold pipes and line breaks
        assertColumns(files.get(LoopExport.FEEDBACK), 6);
        assertColumns(files.get(LoopExport.PIPELINE), 6);
        assertThat(files.get(LoopExport.FEEDBACK))
                .contains("| Recovery rate \\| unsubscribe rate per email |")
                .contains("Unsubscribes spike after the second email,<br>so Plan drops it to one reminder.");
        String chart = files.get(LoopExport.PIPELINE).split("```mermaid\n")[1].split("\n```")[0];
        assertThat(chart).contains("s4[\"4. Deploy #quot;canary#quot; [10 %]<br/>30 min\"]")
                .contains("g4{\"Error rate #lt; 1 % and p95 #lt; 500 ms {5 min window}\"}")
                .contains("notify[/\"Notify: Slack #35;cart-deploys; PagerDuty for a failed rollback\"/]");
        for (String line : chart.lines().skip(1).toList()) {
            // a label never closes its quotes early: quotes come in pairs around one label per node
            assertThat(line.chars().filter(c -> c == '"').count()).as(line).isIn(0L, 2L);
        }
        // "<EmailJob>" would be swallowed as an HTML tag; "p95 < 200 ms" is not a tag and stays as typed
        assertThat(files.get(LoopExport.MAPPING)).contains("the \\<EmailJob> scheduler").doesNotContain(" <EmailJob>");
        assertThat(files.get(LoopExport.METRICS)).contains("| p95 < 200 ms |");
    }

    @Test
    void a_users_lines_cannot_open_headings_or_code_fences_in_the_document() {
        assertThat(ExportMarkdown.block("Steps:\n# not a heading\n```\n---\nend")).isEqualTo("Steps:\n\\# not a heading\n\\```\n\\---\nend");
        assertThat(ExportMarkdown.cell("a | b\r\nc")).isEqualTo("a \\| b<br>c");
        assertThat(ExportMarkdown.label("say \"hi\" `now` <b> #1\nnext")).isEqualTo("say #quot;hi#quot; #96;now#96; #lt;b#gt; #35;1 next");
        assertThat(ExportMarkdown.heading("C#")).isEqualTo("C\\#");
    }

    @Test
    void an_empty_loop_says_not_filled_in_yet_under_every_heading_and_lists_what_is_missing() {
        LoopSnapshot empty = LoopSnapshots.empty(ExportFixtures.loop(7));

        Map<String, String> files = LoopExport.files(empty, Score.of(empty), ExportFixtures.ZONE);

        String mapping = files.get(LoopExport.MAPPING);
        assertThat(count(mapping, "_not filled in yet_")).isEqualTo(8 * 6);
        assertThat(mapping).doesNotContain("Last edited");
        assertThat(files.get(LoopExport.FEEDBACK)).contains("No feedback loops mapped yet");
        assertThat(files.get(LoopExport.PIPELINE)).contains("No pipeline designed yet: `/devloop pipeline L-3`");
        assertThat(files.get(LoopExport.METRICS)).contains("## Technical metrics\n\n_not filled in yet_");
        for (String content : files.values()) {
            assertThat(content).contains("**Completeness: 0/100**, not passing yet (80 needed)")
                    .contains("Still missing:\n\n- Plan: not filled in\n")
                    .contains("- feedback loops: 0 of 5\n- pipeline: not designed\n")
                    .endsWith("- metrics: a technical metric, a business metric, DORA notes\n");
        }
    }

    private static void assertColumns(String markdown, int columns) {
        List<String> rows = markdown.lines().filter(l -> l.startsWith("|")).toList();
        assertThat(rows).isNotEmpty();
        for (String row : rows) {
            assertThat(UNESCAPED_PIPE.matcher(row).results().count()).as(row).isEqualTo(columns + 1);
        }
    }

    private static long count(String text, String part) {
        return Arrays.stream(text.split(Pattern.quote(part), -1)).count() - 1;
    }
}
