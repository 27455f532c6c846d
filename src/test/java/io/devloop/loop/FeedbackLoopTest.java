package io.devloop.loop;

import com.google.gson.JsonArray;
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

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.devloop.testing.SlackRequests.choice;
import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Feedback loops end to end: signed commands, clicks and submissions in; Slack Web API calls and rows out. */
class FeedbackLoopTest extends DevloopTest {
    private static final String LIST_VIEW = "VLIST01";
    private static final String OTHER_TEAM = "T0OTHER";

    @BeforeEach
    void bind() {
        slack.stub("views.push", okJson("{\"ok\":true,\"view\":{\"id\":\"VFORM\"}}"));
        slack.stub("views.update", okJson("{\"ok\":true,\"view\":{\"id\":\"" + LIST_VIEW + "\"}}"));
    }

    @Test
    void feedback_for_an_unknown_loop_answers_with_a_picker_and_opens_nothing() {
        server.slack().command("plan Checkout v2");

        HttpResponse<String> response = server.slack().command("feedback L-9");

        assertThat(SlackRequests.ackText(response)).contains("no loop `L-9`").contains("`/devloop feedback L-1`")
                .contains("Checkout v2");
        assertThat(slack.calls("views.open")).isEmpty();
    }

    @Test
    void the_command_opens_the_list_modal_with_the_common_loops_as_suggestions() {
        server.slack().command("plan Checkout v2");

        HttpResponse<String> response = server.slack().command("feedback checkout");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.ackText(response)).isEmpty();
        String view = awaitOne("views.open").get("view");
        assertThat(view).contains("\"callback_id\":\"loop.feedback.list\"").contains("\"private_metadata\":\"" + loopId() + "\"")
                .contains("L-1 · Checkout v2").contains("0 of 5 mapped").contains("loop.feedback.add")
                .contains("loop.feedback.suggest.monitor-plan").contains("loop.feedback.suggest.build-code");
    }

    @Test
    void the_card_button_opens_the_list_with_each_entry_and_its_edit_and_remove_buttons() {
        planAndDeliverCard();
        submitForm(null, "build", "code", "Compile errors", "CI check on the PR", "minutes", "A red build");

        HttpResponse<String> click = server.slack().clickButton(LoopViews.FEEDBACK_ACTION, Long.toString(loopId()));

        assertThat(click.statusCode()).isEqualTo(200);
        String view = awaitOne("views.open").get("view");
        String entry = server.queryString("SELECT id FROM loop_feedback");
        assertThat(view).contains("Build → Code").contains("Compile errors").contains("CI check on the PR")
                .contains("A red build").contains("1 of 5 mapped")
                .contains("\"action_id\":\"loop.feedback.edit\",\"value\":\"" + entry + "\"")
                .contains("\"action_id\":\"loop.feedback.remove\"")
                .doesNotContain("loop.feedback.suggest.build-code") // already mapped: no longer suggested
                .contains("loop.feedback.suggest.monitor-plan");
    }

    @Test
    void adding_a_feedback_loop_stores_it_with_the_editor_and_updates_the_card_and_the_list() {
        planAndDeliverCard();

        HttpResponse<String> response = submitForm(null, "build", "code", "  Compile errors, failing unit tests, lint findings ",
                "CI status check on the PR + chat notification", "minutes", "A push breaks the build; the PR turns red.");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(response).size()).isZero();
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT team_id, loop_id, from_phase, to_phase, information, channel, speed, example, edited_by FROM loop_feedback")
                .mapToMap().one());
        assertThat(row).containsEntry("team_id", FakeSlack.TEAM).containsEntry("loop_id", loopId())
                .containsEntry("from_phase", "build").containsEntry("to_phase", "code")
                .containsEntry("information", "Compile errors, failing unit tests, lint findings")
                .containsEntry("channel", "CI status check on the PR + chat notification").containsEntry("speed", "minutes")
                .containsEntry("example", "A push breaks the build; the PR turns red.")
                .containsEntry("edited_by", SlackRequests.USER);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> c.get("blocks").contains("Feedback loops (1)")));
        FakeSlack.Call list = awaitOne("views.update");
        assertThat(list.get("view_id")).isEqualTo(LIST_VIEW);
        assertThat(list.get("view")).contains("Build → Code").contains("1 of 5 mapped");
    }

    @Test
    void a_forward_feedback_loop_is_refused_inline_and_nothing_is_stored() {
        planAndDeliverCard();

        HttpResponse<String> response = submitForm(null, "plan", "monitor", "Requirements", "Wiki", "days", "Example");

        JsonObject errors = SlackRequests.errors(response);
        assertThat(errors.keySet()).containsExactly(FeedbackForm.TO.id());
        assertThat(errors.get(FeedbackForm.TO.id()).getAsString()).contains("Plan comes before Monitor");
        assertThat(server.count("loop_feedback")).isZero();
        assertThat(server.count("outbox")).isEqualTo(1); // only the card itself: no card update queued
    }

    @Test
    void monitor_to_plan_closes_the_loop_and_is_accepted() {
        planAndDeliverCard();

        HttpResponse<String> response = submitForm(null, "monitor", "plan", "Usage analytics", "Sprint review", "days", null);

        assertThat(SlackRequests.errors(response).size()).isZero();
        assertThat(server.queryString("SELECT from_phase || '>' || to_phase FROM loop_feedback")).isEqualTo("monitor>plan");
    }

    @Test
    void a_missing_required_field_or_the_same_phase_twice_is_refused_inline_and_nothing_is_stored() {
        planAndDeliverCard();

        HttpResponse<String> missing = submitForm(null, "test", "code", "   ", "PR check", null, "Example");
        HttpResponse<String> samePhase = submitForm(null, "code", "code", "Lint", "PR check", "minutes", null);
        HttpResponse<String> tooLong = submitForm(null, "test", "code", "x".repeat(1001), "PR check", "minutes", null);

        assertThat(SlackRequests.errors(missing).keySet())
                .containsExactlyInAnyOrder(FeedbackForm.INFORMATION.id(), FeedbackForm.SPEED.id());
        assertThat(SlackRequests.errors(samePhase).get(FeedbackForm.TO.id()).getAsString()).contains("two different phases");
        assertThat(SlackRequests.errors(tooLong).get(FeedbackForm.INFORMATION.id()).getAsString()).contains("1000");
        assertThat(server.count("loop_feedback")).isZero();
    }

    @Test
    void editing_an_entry_updates_its_row_and_records_the_new_editor() {
        planAndDeliverCard();
        submitForm(null, "test", "code", "Failing tests", "PR check", "minutes", null);
        long entry = entryId();

        HttpResponse<String> response = server.slack().submitView("U0BOB", FeedbackViews.FORM_CALLBACK,
                new FeedbackForm.Metadata(loopId(), LIST_VIEW, entry).encode(),
                formState("deploy", "test", "Smoke test failures", "Pipeline message", "hours", "Canary fails"));

        assertThat(SlackRequests.errors(response).size()).isZero();
        assertThat(server.count("loop_feedback")).isEqualTo(1);
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT id, from_phase, to_phase, information, speed, example, edited_by FROM loop_feedback").mapToMap().one());
        assertThat(row).containsEntry("id", entry).containsEntry("from_phase", "deploy").containsEntry("to_phase", "test")
                .containsEntry("information", "Smoke test failures").containsEntry("speed", "hours")
                .containsEntry("example", "Canary fails").containsEntry("edited_by", "U0BOB");
    }

    @Test
    void the_edit_button_pushes_the_form_prefilled_with_the_entry() {
        planAndDeliverCard();
        submitForm(null, "operate", "plan", "On-call pain points", "Post-incident review", "days", "Friday outage");

        HttpResponse<String> click = clickInList(FakeSlack.TEAM, FeedbackViews.EDIT_ACTION, Long.toString(entryId()),
                Long.toString(loopId()));

        assertThat(click.statusCode()).isEqualTo(200);
        String form = awaitOne("views.push").get("view");
        assertThat(form).contains("\"callback_id\":\"loop.feedback.entry\"").contains("Edit feedback loop")
                .contains("On-call pain points").contains("Post-incident review").contains("Friday outage")
                .contains("\"value\":\"operate\"").contains("\"value\":\"days\"")
                ;
        assertThat(metadataOf(form)).isEqualTo("loop=" + loopId() + ";list=" + LIST_VIEW + ";entry=" + entryId());
    }

    @Test
    void removing_an_entry_deletes_it_and_updates_the_list_in_place_and_the_card() {
        planAndDeliverCard();
        submitForm(null, "test", "code", "Failing tests", "PR check", "minutes", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.update").size() == 1);

        HttpResponse<String> click = clickInList(FakeSlack.TEAM, FeedbackViews.REMOVE_ACTION, Long.toString(entryId()),
                Long.toString(loopId()));

        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(server.count("loop_feedback")).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.update").size() == 2);
        FakeSlack.Call update = slack.calls("views.update").get(1);
        assertThat(update.get("view_id")).isEqualTo(LIST_VIEW);
        assertThat(update.get("view")).contains("No feedback loops yet").doesNotContain("Failing tests");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<FakeSlack.Call> updates = slack.calls("chat.update");
            return !updates.isEmpty() && updates.get(updates.size() - 1).get("blocks").contains("Feedback loops (0)");
        });
    }

    @Test
    void a_suggestion_click_pushes_a_form_prefilled_with_that_common_loop() {
        planAndDeliverCard();

        HttpResponse<String> click = clickInList(FakeSlack.TEAM, FeedbackViews.SUGGEST_ACTION + "build-code", "build-code",
                Long.toString(loopId()));

        assertThat(click.statusCode()).isEqualTo(200);
        String form = awaitOne("views.push").get("view");
        assertThat(form).contains("Add feedback loop")
                .contains("Compile errors, failing unit tests, lint findings")
                .contains("CI status check on the PR + chat notification")
                .contains("\"value\":\"build\"").contains("\"value\":\"code\"").contains("\"value\":\"minutes\"");
        assertThat(metadataOf(form)).isEqualTo("loop=" + loopId() + ";list=" + LIST_VIEW + ";entry=");
    }

    @Test
    void the_add_button_pushes_an_empty_form() {
        planAndDeliverCard();

        clickInList(FakeSlack.TEAM, FeedbackViews.ADD_ACTION, Long.toString(loopId()), Long.toString(loopId()));

        String form = awaitOne("views.push").get("view");
        assertThat(form).contains("Add feedback loop").contains("feedback_information").doesNotContain("initial_value")
                .doesNotContain("initial_option");
    }

    @Test
    void another_team_cannot_edit_or_remove_entries_with_ids_of_this_team() throws Exception {
        planAndDeliverCard();
        submitForm(null, "test", "code", "Failing tests", "PR check", "minutes", null);
        String before = server.queryString("SELECT information || '|' || edited_by FROM loop_feedback");
        String mine = new FeedbackForm.Metadata(loopId(), LIST_VIEW, entryId()).encode();

        clickInList(OTHER_TEAM, FeedbackViews.REMOVE_ACTION, Long.toString(entryId()), Long.toString(loopId()));
        clickInList(OTHER_TEAM, FeedbackViews.EDIT_ACTION, Long.toString(entryId()), Long.toString(loopId()));
        HttpResponse<String> edit = server.slack().send(formEncodedPayload(submission(OTHER_TEAM, "U0MALLORY", mine,
                formState("deploy", "test", "Hijacked", "Elsewhere", "days", null))), "application/x-www-form-urlencoded", Map.of());

        assertThat(edit.statusCode()).isEqualTo(200);
        Thread.sleep(500); // room for a wrong views.push to show up
        assertThat(server.count("loop_feedback")).isEqualTo(1);
        assertThat(server.queryString("SELECT information || '|' || edited_by FROM loop_feedback")).isEqualTo(before);
        assertThat(slack.calls("views.push")).isEmpty();
    }

    @Test
    void a_retried_submission_stores_the_entry_once() {
        planAndDeliverCard();
        String body = formEncodedPayload(submission(FakeSlack.TEAM, SlackRequests.USER,
                new FeedbackForm.Metadata(loopId(), LIST_VIEW, null).encode(),
                formState("test", "code", "Failing tests", "PR check", "minutes", null)));

        server.slack().send(body, "application/x-www-form-urlencoded", Map.of());
        HttpResponse<String> retry = server.slack().send(body, "application/x-www-form-urlencoded",
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(server.count("loop_feedback")).isEqualTo(1);
    }

    @Test
    void a_failing_save_keeps_the_form_open_with_a_message_instead_of_a_generic_failure() {
        planAndDeliverCard();
        server.jdbi().useHandle(h -> h.execute("ALTER TABLE loop_feedback RENAME TO loop_feedback_away"));

        HttpResponse<String> response = submitForm(null, "test", "code", "Failing tests", "PR check", "minutes", null);

        server.jdbi().useHandle(h -> h.execute("ALTER TABLE loop_feedback_away RENAME TO loop_feedback"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(response).get(FeedbackForm.INFORMATION.id()).getAsString()).contains("nothing was saved");
        assertThat(server.count("loop_feedback")).isZero();
        assertThat(server.count("slack_dedupe")).isEqualTo(1); // the plan's key only: a retry of the save may still run
    }

    @Test
    void five_explained_loops_give_the_feedback_part_of_the_score_its_20_points() {
        planAndDeliverCard();

        for (FeedbackSuggestions.Suggestion s : FeedbackSuggestions.ALL.subList(0, 5)) {
            FeedbackDraft d = s.draft();
            HttpResponse<String> r = submitForm(null, d.fromPhase(), d.toPhase(), d.information(), d.channel(), d.speed(), d.example());
            assertThat(SlackRequests.errors(r).size()).isZero();
        }

        Score score = server.jdbi().withHandle(h -> Score.of(LoopSnapshots.load(h, FakeSlack.TEAM, loopId()).orElseThrow()));
        assertThat(score.feedback()).isEqualTo(20);
        assertThat(score.missingSummary()).doesNotContain("feedback");
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<FakeSlack.Call> updates = slack.calls("chat.update");
            return !updates.isEmpty() && updates.get(updates.size() - 1).get("blocks").contains("feedback 20/20");
        });
    }

    // ---- helpers

    private void planAndDeliverCard() {
        server.slack().command("plan Checkout v2");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.count("outbox WHERE message_ts IS NOT NULL") >= 1);
    }

    private long loopId() {
        return Long.parseLong(server.queryString("SELECT id FROM loops WHERE team_id = '" + FakeSlack.TEAM + "'"));
    }

    private long entryId() {
        return Long.parseLong(server.queryString("SELECT id FROM loop_feedback"));
    }

    private FakeSlack.Call awaitOne(String method) {
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls(method).size() == 1);
        return slack.calls(method).get(0);
    }

    private HttpResponse<String> submitForm(Long entry, String from, String to, String information, String channel,
                                            String speed, String example) {
        return server.slack().submitView(FeedbackViews.FORM_CALLBACK,
                new FeedbackForm.Metadata(loopId(), LIST_VIEW, entry).encode(),
                formState(from, to, information, channel, speed, example));
    }

    private static JsonObject formState(String from, String to, String information, String channel, String speed,
                                        String example) {
        return state(FeedbackForm.FROM.id(), choice(from), FeedbackForm.TO.id(), choice(to),
                FeedbackForm.INFORMATION.id(), text(information), FeedbackForm.CHANNEL.id(), text(channel),
                FeedbackForm.SPEED.id(), choice(speed), FeedbackForm.EXAMPLE.id(), text(example));
    }

    /** A button click inside the list modal (the harness's clickButton clicks on a message). */
    private HttpResponse<String> clickInList(String team, String actionId, String value, String listMetadata) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        payload.add("team", obj("id", team, "domain", "acme"));
        payload.add("user", obj("id", SlackRequests.USER, "username", "alice", "team_id", team));
        payload.addProperty("api_app_id", "A0DEVLOOP");
        payload.addProperty("trigger_id", "9." + System.nanoTime() + ".f00d");
        payload.add("container", obj("type", "view", "view_id", LIST_VIEW));
        payload.add("view", listView(team, listMetadata));
        JsonArray actions = new JsonArray();
        actions.add(obj("type", "button", "action_id", actionId, "block_id", "b1", "value", value,
                "action_ts", "1700000001.000200"));
        payload.add("actions", actions);
        return server.slack().interactivity(payload);
    }

    private static JsonObject listView(String team, String metadata) {
        JsonObject view = obj("id", LIST_VIEW, "team_id", team, "type", "modal", "callback_id", FeedbackViews.LIST_CALLBACK,
                "private_metadata", metadata, "hash", "h1");
        JsonObject state = new JsonObject();
        state.add("values", new JsonObject());
        view.add("state", state);
        return view;
    }

    /** A view_submission of the entry form from any team (the harness's submitView is always this team's). */
    private static JsonObject submission(String team, String user, String metadata, JsonObject values) {
        JsonObject view = obj("id", "VFORM", "team_id", team, "type", "modal", "callback_id", FeedbackViews.FORM_CALLBACK,
                "private_metadata", metadata, "hash", "h2");
        JsonObject state = new JsonObject();
        state.add("values", values);
        view.add("state", state);
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "view_submission");
        payload.add("team", obj("id", team, "domain", "acme"));
        payload.add("user", obj("id", user, "username", "someone", "team_id", team));
        payload.addProperty("api_app_id", "A0DEVLOOP");
        payload.addProperty("trigger_id", "8." + System.nanoTime() + ".beef");
        payload.add("view", view);
        return payload;
    }

    private static String metadataOf(String viewJson) {
        return com.google.gson.JsonParser.parseString(viewJson).getAsJsonObject().get("private_metadata").getAsString();
    }

    private static String formEncodedPayload(JsonObject payload) {
        return SlackRequests.formEncode(Map.of("payload", payload.toString()));
    }

    private static JsonObject obj(String... kv) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < kv.length; i += 2) {
            o.addProperty(kv[i], kv[i + 1]);
        }
        return o;
    }
}
