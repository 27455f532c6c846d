package io.devloop.slack;

import io.devloop.testing.DevloopExtension;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRouterTest {
    @RegisterExtension
    static final DevloopExtension devloop = new DevloopExtension();

    @Test
    void help_lists_every_subcommand_of_the_grammar_and_marks_the_unbuilt_ones() {
        HttpResponse<String> response = devloop.server().slack().command("help");

        assertThat(response.statusCode()).isEqualTo(200);
        String text = SlackRequests.ackText(response);
        for (CommandGrammar.Usage usage : CommandGrammar.ALL) {
            assertThat(text).contains("`/devloop " + usage.usage() + "`");
        }
        assertThat(text).contains("`/devloop plan <feature>` — Open a DevOps loop");
        assertThat(text).doesNotContain("plan <feature>` — Open a DevOps loop for a feature and post its loop card _(coming soon)_");
        assertThat(text).contains("`/devloop pipeline <loop>` — Design the CI/CD pipeline")
                .doesNotContain("`/devloop pipeline <loop>` — Design the CI/CD pipeline _(coming soon)_");
        assertThat(text).contains("`/devloop rollback <service> [version] [reason…]` — Record and announce a rollback")
                .as("every command of the grammar is built").doesNotContain("coming soon");
        assertThat(devloop.server().count("slack_dedupe")).as("read-only answers stay off the database").isZero();
    }

    @Test
    void a_bare_devloop_shows_help() {
        assertThat(SlackRequests.ackText(devloop.server().slack().command(""))).contains("`/devloop help`");
    }

    @Test
    void a_grammar_word_without_a_handler_says_coming_soon_instead_of_failing() {
        assertThat(HelpText.render(java.util.Set.of("help", "plan")))
                .contains("`/devloop rollback <service> [version] [reason…]` — Record and announce a rollback _(coming soon)_")
                .doesNotContain("post its loop card _(coming soon)_");
        assertThat(HelpText.comingSoon("dora")).contains("coming soon").contains("/devloop help");
    }

    @Test
    void an_unknown_word_gets_pointed_to_help() {
        String text = SlackRequests.ackText(devloop.server().slack().command("deploy <@U123|bob> now"));

        assertThat(text).contains("I don't know `deploy`").contains("/devloop help");
    }
}
