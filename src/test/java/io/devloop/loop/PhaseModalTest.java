package io.devloop.loop;

import com.google.gson.JsonObject;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;
import static io.devloop.testing.SlackRequests.users;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PhaseModalTest extends DevloopTest {
    private long loopId;

    @BeforeEach
    void planALoop() {
        loopId = planLoop("Checkout v2");
    }

    @Test
    void saving_a_phase_stores_it_with_its_editor_and_updates_the_card_in_place() {
        long start = System.nanoTime();
        HttpResponse<String> ack = submitBuild(SlackRequests.USER, "2 hours");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).isEmpty(); // closes the modal
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT phase, what_happens, roles, owners, tools, duration_text, duration_minutes, deliverable, automation, edited_by FROM loop_phases")
                .mapToMap().one());
        assertThat(row).containsEntry("phase", "build").containsEntry("what_happens", "Compile, test, build the image")
                .containsEntry("owners", "U0BOB,U0CAROL").containsEntry("duration_minutes", 120L)
                .containsEntry("edited_by", SlackRequests.USER);

        await().atMost(Duration.ofSeconds(5)).until(() -> !slack.calls("chat.update").isEmpty());
        FakeSlack.Call update = slack.calls("chat.update").get(0);
        String cardTs = server.queryString("SELECT message_ts FROM outbox WHERE kind = 'post'");
        assertThat(update.get("ts")).isEqualTo(cardTs);
        assertThat(update.blocks().toString()).contains(":white_check_mark: *3 · Build* <@U0BOB> <@U0CAROL>")
                .contains("2 h").contains("Completeness 5/100");
        assertThat(update.get("text")).contains("1 of 8 phases done");
    }

    @Test
    void a_duration_that_cannot_be_read_gets_an_inline_error_and_nothing_is_stored() {
        HttpResponse<String> ack = submitBuild(SlackRequests.USER, "a while");

        JsonObject errors = SlackRequests.errors(ack);
        assertThat(errors.keySet()).containsExactly("duration");
        assertThat(errors.get("duration").getAsString()).contains("a while").contains("30 min");
        assertThat(server.count("loop_phases")).isZero();
        assertThat(server.count("loop_phase_history")).isZero();
    }

    @Test
    void an_empty_required_field_gets_an_inline_error_and_nothing_is_stored() {
        HttpResponse<String> ack = server.slack().submitView("loop.phase", loopId + ":plan",
                state("what", text("   "), "duration", text("1 day")));

        assertThat(SlackRequests.errors(ack).get("what").getAsString()).isEqualTo("What happens is required.");
        assertThat(server.count("loop_phases")).isZero();
    }

    @Test
    void reopening_a_phase_prefills_it_and_says_who_edited_it_last() {
        submitBuild("U0BOB", "45 min");

        server.slack().clickButton("loop.phase.open.build", Long.toString(loopId));

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        String view = com.google.gson.JsonParser.parseString(slack.calls("views.open").get(0).get("view")).toString();
        assertThat(view).contains("\"initial_value\":\"Compile, test, build the image\"").contains("\"initial_value\":\"45 min\"")
                .contains("\"initial_users\":[\"U0BOB\",\"U0CAROL\"]").contains("Last edited by <@U0BOB>")
                .contains("build the image and tag it"); // the Build guidance
    }

    @Test
    void two_people_saving_one_phase_the_later_save_wins_and_history_keeps_both() throws Exception {
        submitBuild("U0BOB", "1 hour");
        submitBuild("U0CAROL", "3 hours");

        assertThat(server.queryString("SELECT edited_by FROM loop_phases")).isEqualTo("U0CAROL");
        assertThat(server.queryString("SELECT duration_text FROM loop_phases")).isEqualTo("3 hours");
        List<String> history = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT edited_by || ':' || duration_text FROM loop_phase_history ORDER BY id").mapTo(String.class).list());
        assertThat(history).containsExactly("U0BOB:1 hour", "U0CAROL:3 hours");
    }

    @Test
    void simultaneous_saves_of_one_phase_leave_one_current_answer_matching_the_last_history_entry() {
        var saves = List.of("U0A", "U0B", "U0C", "U0D").stream()
                .map(user -> CompletableFuture.supplyAsync(() -> submitBuild(user, "1 day"))).toList();
        saves.forEach(f -> assertThat(f.join().statusCode()).isEqualTo(200));

        assertThat(server.count("loop_phases")).isEqualTo(1);
        assertThat(server.count("loop_phase_history")).isEqualTo(4);
        String lastInHistory = server.queryString("SELECT edited_by FROM loop_phase_history ORDER BY id DESC LIMIT 1");
        assertThat(server.queryString("SELECT edited_by FROM loop_phases")).isEqualTo(lastInHistory);
    }

    @Test
    void the_phase_command_opens_the_modal_by_loop_id_or_feature_name() {
        server.slack().command("phase L-1 deploy");
        server.slack().command("phase checkout v2 Monitor");

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 2);
        assertThat(slack.calls("views.open").get(0).get("view")).contains("Deploy · L-1");
        assertThat(slack.calls("views.open").get(1).get("view")).contains("Monitor · L-1");
    }

    @Test
    void the_phase_command_explains_a_bad_phase_or_an_unknown_loop() {
        assertThat(SlackRequests.ackText(server.slack().command("phase L-1 shipping")))
                .contains("`shipping` is not a phase").contains("plan, code, build");
        assertThat(SlackRequests.ackText(server.slack().command("phase L-9 build")))
                .contains("no loop `L-9`").contains("`/devloop phase L-1 build` — Checkout v2");
        assertThat(slack.calls("views.open")).isEmpty();
    }

    @Test
    void a_submission_for_another_teams_loop_saves_nothing() {
        String otherTeam = SlackRequests.commandBody("T0OTHER", "C0OTHER", "U0BOB", "plan Elsewhere");
        server.slack().send(otherTeam, "application/x-www-form-urlencoded", Map.of());
        long otherLoop = Long.parseLong(server.queryString("SELECT id FROM loops WHERE team_id = 'T0OTHER'"));

        HttpResponse<String> ack = server.slack().submitView("loop.phase", otherLoop + ":build",
                state("what", text("Sneaky"), "duration", text("1 day")));

        assertThat(SlackRequests.errors(ack).get("what").getAsString()).contains("no longer exists");
        assertThat(server.count("loop_phases")).isZero();
    }

    @Test
    void a_user_of_another_workspace_cannot_write_into_this_teams_loop() {
        HttpResponse<String> ack = server.slack().submitView("T0OTHER", "U0MALLORY", "loop.phase", loopId + ":build",
                state("what", text("Overwritten"), "duration", text("1 day")));

        assertThat(SlackRequests.errors(ack).get("what").getAsString()).contains("no longer exists");
        assertThat(server.count("loop_phases")).isZero();
    }

    private HttpResponse<String> submitBuild(String user, String duration) {
        return server.slack().submitView(user, "loop.phase", loopId + ":build", state(
                "what", text("Compile, test, build the image"),
                "roles", text("Developers"),
                "owners", users("U0BOB", "U0CAROL"),
                "tools", text("GitHub Actions, Docker"),
                "duration", text(duration),
                "deliverable", text("Tagged image in the registry"),
                "automation", text("Cache dependencies")));
    }
}
