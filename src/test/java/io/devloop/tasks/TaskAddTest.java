package io.devloop.tasks;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static io.devloop.testing.SlackRequests.choice;
import static io.devloop.testing.SlackRequests.date;
import static io.devloop.testing.SlackRequests.state;
import static io.devloop.testing.SlackRequests.text;
import static io.devloop.testing.SlackRequests.time;
import static io.devloop.testing.SlackRequests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TaskAddTest extends DevloopTest {

    @Test
    void task_add_opens_the_form_with_the_title_and_the_channels_loops() {
        planLoop("Checkout v2");

        server.slack().command("task add Add a canary stage");

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        String view = JsonParser.parseString(slack.calls("views.open").get(0).get("view")).toString();
        assertThat(view).contains("\"callback_id\":\"task.add\"").contains("\"private_metadata\":\"" + SlackRequests.CHANNEL + "\"")
                .contains("\"initial_value\":\"Add a canary stage\"").contains("L-1 Checkout v2")
                .contains("🔥 Critical infrastructure").contains("\"initial_user\":\"" + SlackRequests.USER + "\"")
                .contains("datepicker").contains("timepicker");
    }

    @Test
    void a_valid_task_is_stored_as_do_001_and_announced_in_the_channel() {
        long loopId = planLoop("Checkout v2");

        HttpResponse<String> ack = submit(form("Add a canary stage", "U0BOB", "2027-01-15", "09:00", loopId));

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.errors(ack).keySet()).isEmpty();
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT seq, title, tier, points, assignee_id, loop_id, steps, success_criteria, remind_before, status, created_by FROM tasks")
                .mapToMap().one());
        assertThat(row).containsEntry("seq", 1L).containsEntry("title", "Add a canary stage").containsEntry("tier", "critical")
                .containsEntry("points", 5).containsEntry("assignee_id", "U0BOB").containsEntry("loop_id", loopId)
                .containsEntry("steps", "Write the stage\nWire the gate").containsEntry("remind_before", "1h")
                .containsEntry("status", "open").containsEntry("created_by", SlackRequests.USER);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").size() == 2);
        String announcement = slack.calls("chat.postMessage").get(1).get("text");
        assertThat(announcement).contains("added `DO-001` *Add a canary stage*").contains("🔥 Critical infrastructure")
                .contains("5 pts").contains("for <@U0BOB>").contains("<!date^").contains("L-1 Checkout v2");
    }

    @Test
    void an_assignee_in_los_angeles_picking_9_am_in_winter_is_due_at_17_utc() {
        slack.userZone("U0LA", "America/Los_Angeles");

        submit(form("Rotate keys", "U0LA", "2027-01-15", "09:00", null));

        String due = server.queryString("SELECT due_zone FROM tasks");
        Instant dueAt = server.jdbi().withHandle(h -> h.createQuery("SELECT due_at FROM tasks").mapTo(Instant.class).one());
        assertThat(dueAt).isEqualTo(Instant.parse("2027-01-15T17:00:00Z"));
        assertThat(due).isEqualTo("America/Los_Angeles");
    }

    @Test
    void missing_choices_get_inline_errors_and_nothing_is_stored() {
        HttpResponse<String> ack = submit(state("task_title", text("  "), "task_assignee", user(null),
                "task_remind", choice("24h")));

        JsonObject errors = SlackRequests.errors(ack);
        assertThat(errors.keySet()).contains("task_title", "task_tier", "task_points", "task_assignee");
        assertThat(server.count("tasks")).isZero();
    }

    @Test
    void a_due_date_in_the_past_is_refused_inline() {
        HttpResponse<String> ack = submit(form("Too late", "U0BOB", "2020-01-01", "09:00", null));

        assertThat(SlackRequests.errors(ack).get("task_due_date").getAsString()).contains("in the past");
        assertThat(server.count("tasks")).isZero();
    }

    @Test
    void fifty_tasks_created_at_once_from_ten_threads_get_do_001_to_do_050_each_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> acks = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            int n = i;
            acks.add(pool.submit(() -> submit(form("Task " + n, "U0BOB", null, null, null))));
        }
        for (Future<HttpResponse<String>> ack : acks) {
            assertThat(ack.get().statusCode()).isEqualTo(200);
        }
        pool.shutdown();

        List<Long> seqs = server.jdbi().withHandle(h -> h.createQuery("SELECT seq FROM tasks ORDER BY seq").mapTo(Long.class).list());
        assertThat(seqs).containsExactlyElementsOf(IntStream.rangeClosed(1, 50).mapToObj(i -> (long) i).toList());
        assertThat(server.count("tasks")).isEqualTo(50);
    }

    @Test
    void a_redelivered_submission_creates_the_task_once() {
        JsonObject payload = SlackRequests.viewSubmission(io.devloop.testing.FakeSlack.TEAM, SlackRequests.USER, "task.add",
                SlackRequests.CHANNEL, form("Once", "U0BOB", null, null, null));

        assertThat(server.slack().interactivity(payload).statusCode()).isEqualTo(200);
        assertThat(server.slack().interactivity(payload).statusCode()).isEqualTo(200);

        assertThat(server.count("tasks")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").size() == 1);
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
    }

    private HttpResponse<String> submit(JsonObject values) {
        return server.slack().submitView("task.add", SlackRequests.CHANNEL, values);
    }

    static JsonObject form(String title, String assignee, String date, String time, Long loopId) {
        JsonObject values = state(
                "task_title", text(title),
                "task_tier", choice("critical"),
                "task_points", choice("5"),
                "task_assignee", user(assignee),
                "task_due_date", date(date),
                "task_due_time", time(time),
                "task_remind", choice("1h"),
                "task_steps", text("Write the stage\nWire the gate"),
                "task_success", text("A bad build is stopped by the canary gate"));
        if (loopId != null) {
            values.add("task_loop", state("task_loop", choice(Long.toString(loopId))).getAsJsonObject("task_loop"));
        }
        return values;
    }
}
