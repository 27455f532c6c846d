package io.devloop.loop;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The list modal and entry form stay within Block Kit's limits and show what they should. */
class FeedbackViewsTest {
    private static final Loop LOOP = new Loop(7, "T1", 3, "C1", "Checkout v2", "checkout v2", "U1", null, 11L,
            Instant.EPOCH, Instant.EPOCH);

    @Test
    void many_long_unicode_entries_stay_within_a_modals_limits_and_say_how_many_more_there_are() {
        String huge = "Fehler 🚀 <@U1> & " + "ü👩‍💻".repeat(700);
        List<FeedbackLoop> entries = IntStream.range(0, 40).mapToObj(i -> entry(i, "monitor", "plan", huge, huge, huge)).toList();

        View list = FeedbackViews.list(LOOP, entries);

        assertThat(list.getBlocks().size()).isLessThanOrEqualTo(100);
        assertThat(list.getTitle().getText().length()).isLessThanOrEqualTo(24);
        for (LayoutBlock b : list.getBlocks()) {
            if (b instanceof SectionBlock s) {
                String text = s.getText().getText();
                assertThat(text.length()).isLessThanOrEqualTo(3000);
                assertThat(Character.isHighSurrogate(text.charAt(text.length() - 1))).isFalse();
                assertThat(text).doesNotContain("<@U1>");            // user text is escaped, no accidental mentions
            }
        }
        assertThat(json(list)).contains("+15 more");
        assertThat(buttons(list, FeedbackViews.EDIT_ACTION)).hasSize(FeedbackViews.MAX_SHOWN);
    }

    @Test
    void only_the_common_loops_not_yet_mapped_are_suggested() {
        View list = FeedbackViews.list(LOOP, List.of(entry(1, "build", "code", "a", "b", "c")));

        List<String> suggested = buttons(list, FeedbackViews.SUGGEST_ACTION).stream().map(ButtonElement::getValue).toList();
        assertThat(suggested).doesNotContain("build-code").contains("monitor-plan", "test-code")
                .hasSize(FeedbackSuggestions.ALL.size() - 1);
        assertThat(buttons(list, FeedbackViews.SUGGEST_ACTION).stream().map(ButtonElement::getActionId).distinct())
                .hasSize(suggested.size()); // action ids differ within the one actions block
    }

    @Test
    void an_entry_without_an_example_says_the_score_wants_one() {
        String text = FeedbackViews.describe(entry(1, "test", "code", "Failing tests", "PR check", null));

        assertThat(text).startsWith("*Test → Code* · minutes").contains("Failing tests").contains("PR check")
                .contains("the score counts a loop as explained only with one");
    }

    @Test
    void the_form_is_prefilled_and_carries_the_loop_list_and_entry_ids() {
        FeedbackDraft draft = FeedbackSuggestions.byKey("build-code").orElseThrow().draft();

        View form = FeedbackViews.form(LOOP, draft, new FeedbackForm.Metadata(7, "V123", 42L));

        assertThat(form.getCallbackId()).isEqualTo(FeedbackViews.FORM_CALLBACK);
        assertThat(form.getTitle().getText()).isEqualTo("Edit feedback loop");
        assertThat(FeedbackForm.Metadata.parse(form.getPrivateMetadata())).contains(new FeedbackForm.Metadata(7, "V123", 42L));
        assertThat(json(form)).contains("Compile errors, failing unit tests, lint findings")
                .contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"3 · Build\"},\"value\":\"build\"}");
    }

    @Test
    void metadata_that_devloop_did_not_write_is_refused() {
        assertThat(FeedbackForm.Metadata.parse(null)).isEmpty();
        assertThat(FeedbackForm.Metadata.parse("")).isEmpty();
        assertThat(FeedbackForm.Metadata.parse("loop=abc;list=V1;entry=")).isEmpty();
        assertThat(FeedbackForm.Metadata.parse("loop=5;list=;entry=x")).isEmpty();
        assertThat(FeedbackForm.Metadata.parse("loop=5;list=;entry=")).contains(new FeedbackForm.Metadata(5, null, null));
    }

    private static FeedbackLoop entry(long id, String from, String to, String information, String channel, String example) {
        return new FeedbackLoop(id, "T1", 7, from, to, information, channel, "minutes", example, "U2", Instant.EPOCH);
    }

    private static List<ButtonElement> buttons(View view, String actionIdPrefix) {
        List<ButtonElement> found = new ArrayList<>();
        for (LayoutBlock b : view.getBlocks()) {
            if (b instanceof ActionsBlock a) {
                a.getElements().stream().filter(e -> e instanceof ButtonElement).map(e -> (ButtonElement) e)
                        .filter(e -> e.getActionId().startsWith(actionIdPrefix)).forEach(found::add);
            }
        }
        return found;
    }

    private static String json(View view) {
        return GsonFactory.createSnakeCase().toJson(view);
    }
}
