package io.devloop.loop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules a feedback loop must meet, as pure functions. */
class FeedbackServiceTest {

    @Test
    void feedback_may_only_flow_back_to_an_earlier_phase() {
        for (Phase from : Phase.values()) {
            for (Phase to : Phase.values()) {
                boolean allowed = FeedbackService.directionProblem(from, to).isEmpty();
                assertThat(allowed).as(from + " → " + to).isEqualTo(from.ordinal() > to.ordinal());
            }
        }
    }

    @Test
    void monitor_to_plan_closes_the_loop_and_plan_to_monitor_flows_forward() {
        assertThat(FeedbackService.directionProblem(Phase.MONITOR, Phase.PLAN)).isEmpty();
        assertThat(FeedbackService.directionProblem(Phase.PLAN, Phase.MONITOR)).get().asString()
                .contains("Plan comes before Monitor").contains("Monitor → Plan");
    }

    @ParameterizedTest
    @EnumSource(Phase.class)
    void a_phase_cannot_feed_back_to_itself(Phase phase) {
        assertThat(FeedbackService.directionProblem(phase, phase)).get().asString().contains("two different phases");
    }

    @Test
    void a_complete_draft_has_no_errors_and_the_example_is_optional() {
        assertThat(FeedbackService.validate(draft("build", "code", "Lint findings", "PR check", "minutes", null))).isEmpty();
    }

    @Test
    void every_missing_required_field_gets_its_own_inline_error() {
        Map<String, String> errors = FeedbackService.validate(FeedbackDraft.empty());

        assertThat(errors).containsOnlyKeys(FeedbackForm.FROM.id(), FeedbackForm.TO.id(), FeedbackForm.INFORMATION.id(),
                FeedbackForm.CHANNEL.id(), FeedbackForm.SPEED.id());
    }

    @Test
    void a_wrong_direction_is_reported_under_the_to_phase() {
        Map<String, String> errors = FeedbackService.validate(draft("code", "test", "x", "y", "hours", null));

        assertThat(errors).containsOnlyKeys(FeedbackForm.TO.id());
    }

    @Test
    void values_the_form_does_not_offer_are_refused() {
        Map<String, String> errors = FeedbackService.validate(draft("later", "code", "x", "y", "weeks", null));

        assertThat(errors).containsOnlyKeys(FeedbackForm.FROM.id(), FeedbackForm.SPEED.id());
    }

    @Test
    void texts_over_their_limits_are_refused_with_the_limit() {
        Map<String, String> errors = FeedbackService.validate(draft("test", "code", "i".repeat(1001), "c".repeat(1001),
                "days", "e".repeat(2001)));

        assertThat(errors).containsOnlyKeys(FeedbackForm.INFORMATION.id(), FeedbackForm.CHANNEL.id(), FeedbackForm.EXAMPLE.id());
        assertThat(errors.get(FeedbackForm.EXAMPLE.id())).contains("2000");
        assertThat(FeedbackService.validate(draft("test", "code", "i".repeat(1000), "c".repeat(1000), "days",
                "e".repeat(2000)))).isEmpty();
    }

    @Test
    void every_suggestion_is_a_valid_explained_feedback_loop() {
        assertThat(FeedbackSuggestions.ALL).hasSizeBetween(5, 7);
        for (FeedbackSuggestions.Suggestion s : FeedbackSuggestions.ALL) {
            assertThat(FeedbackService.validate(s.draft())).as(s.title()).isEmpty();
            assertThat(s.example()).as(s.title()).isNotBlank();
        }
        assertThat(FeedbackSuggestions.ALL).extracting(FeedbackSuggestions.Suggestion::title)
                .contains("Monitor → Plan", "Test → Code", "Build → Code", "Operate → Plan", "Deploy → Test")
                .doesNotHaveDuplicates();
    }

    private static FeedbackDraft draft(String from, String to, String information, String channel, String speed, String example) {
        return new FeedbackDraft(from, to, information, channel, speed, example);
    }
}
