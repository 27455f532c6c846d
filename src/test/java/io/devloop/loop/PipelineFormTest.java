package io.devloop.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineFormTest {

    @Test
    void stage_lines_become_ordered_stages_with_parsed_durations_and_failure_actions() {
        var stages = PipelineForm.parseStages("""
                Build | mvn package, docker build | 5 min | image pushed | stop

                Canary|10 % of traffic|30m|p95 < 300 ms for 10 min|Roll back
                Announce | post release notes""");

        assertThat(stages.problems()).isEmpty();
        assertThat(stages.stages()).containsExactly(
                new PipelineForm.StageDraft("Build", "mvn package, docker build", "5 min", 5L, "image pushed", "stop"),
                new PipelineForm.StageDraft("Canary", "10 % of traffic", "30m", 30L, "p95 < 300 ms for 10 min", "rollback"),
                new PipelineForm.StageDraft("Announce", "post release notes", null, null, null, null));
    }

    @Test
    void each_bad_line_is_named_by_its_number_counting_blank_lines() {
        var stages = PipelineForm.parseStages("""
                Build | mvn package | 5 min | compiles | stop

                Deploy | helm upgrade | 2 min | pods ready | panic
                Test | mvn verify | soon | green | stop
                | no name | 1 h | | stop
                Smoke | | 1 min | | notify
                Extra | a | 1 min | b | stop | what is this""");

        assertThat(stages.stages()).isEmpty();
        assertThat(stages.problems()).containsExactly(
                "line 3: on failure must be notify, stop or rollback",
                "line 4: “soon” is not a duration (try 5 min, 1 h or 2 days)",
                "line 5: the stage needs a name before the first |",
                "line 6: say what runs in “Smoke” after its name (name | what runs | …)",
                "line 7: a stage has at most five parts: name | what runs | duration | gate | on failure");
        assertThat(FormLines.message(stages.problems()))
                .startsWith("line 3: on failure must be notify, stop or rollback; line 4:")
                .endsWith("(+2 more)");
    }

    @Test
    void at_least_one_stage_and_at_most_twenty() {
        assertThat(PipelineForm.parseStages("  \n \n").problems()).containsExactly("add at least one stage");
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            lines.add("Stage " + i + " | step " + i);
        }
        assertThat(PipelineForm.parseStages(String.join("\n", lines)).problems())
                .containsExactly("at most 20 stages, this has 21");
        assertThat(PipelineForm.parseStages(String.join("\n", lines.subList(0, 20))).stages()).hasSize(20);
    }

    @Test
    void a_stage_name_longer_than_the_schema_allows_is_refused() {
        var stages = PipelineForm.parseStages("x".repeat(201) + " | runs");

        assertThat(stages.problems()).containsExactly("line 1: the stage name is longer than 200 characters");
    }

    @Test
    void saved_stages_render_back_into_lines_that_parse_to_the_same_stages() {
        var typed = PipelineForm.parseStages("""
                Build|mvn package|5 min|compiles|stop
                Lint | eslint | | | notify
                Canary | 10 % 🐤 of traffic | 1.5 hours | p95 < 300 ms | ROLLBACK
                Announce | post notes""").stages();
        List<PipelineStage> saved = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            var s = typed.get(i);
            saved.add(new PipelineStage(i, "T1", 1, i + 1, s.name(), s.whatRuns(), s.durationText(), s.durationMinutes(),
                    s.gate(), s.onFailure()));
        }

        String rendered = PipelineForm.renderStages(saved);

        assertThat(rendered).isEqualTo("""
                Build | mvn package | 5 min | compiles | stop
                Lint | eslint |  |  | notify
                Canary | 10 % 🐤 of traffic | 1.5 hours | p95 < 300 ms | rollback
                Announce | post notes""");
        assertThat(PipelineForm.parseStages(rendered).stages()).isEqualTo(typed);
    }

    @Test
    void stages_that_would_not_fit_the_field_with_spaces_render_compactly_instead_of_being_cut() {
        List<PipelineStage> saved = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            saved.add(new PipelineStage(i, "T1", 1, i, "S" + i, "r".repeat(130), "5 min", 5L, "g", "stop"));
        }

        String rendered = PipelineForm.renderStages(saved);

        assertThat(rendered.length()).isLessThanOrEqualTo(PipelineForm.STAGES.maxLength());
        assertThat(rendered).doesNotContain("…").contains("S1|" + "r".repeat(130) + "|5 min|g|stop");
        assertThat(PipelineForm.parseStages(rendered).stages()).hasSize(20);
    }

    @Test
    void on_failure_accepts_the_three_actions_in_any_case_and_spelling_of_roll_back() {
        assertThat(PipelineForm.onFailure("Notify")).isEqualTo("notify");
        assertThat(PipelineForm.onFailure("STOP")).isEqualTo("stop");
        assertThat(PipelineForm.onFailure("roll-back")).isEqualTo("rollback");
        assertThat(PipelineForm.onFailure("retry")).isNull();
    }
}
