package io.devloop.tasks;

import com.google.gson.JsonObject;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TaskListTest extends DevloopTest {

    @BeforeEach
    void threeTasks() {
        slack.userZone("U0LA", "America/Los_Angeles");
        slack.userZone("U0BERLIN", "Europe/Berlin");
        submit("Rotate keys", "security", "3", "U0LA", "2027-01-15", "09:00");
        submit("Add canary", "critical", "5", "U0BOB", "2027-01-20", "12:00");
        submit("Cache images", "optimization", "2", "U0LA", null, null);
        server.jdbi().useHandle(h -> h.execute("UPDATE tasks SET due_at = TIMESTAMP WITH TIME ZONE '2026-11-01 10:00:00+00' WHERE seq = 2"));
    }

    @Test
    void the_list_groups_by_tier_with_due_times_in_the_viewers_zone_and_totals() {
        String forAssignee = blocks(server.slack().command("U0LA", "tasks"));
        String forBerlin = blocks(server.slack().command("U0BERLIN", "tasks"));

        assertThat(forAssignee.indexOf("🔥 Critical infrastructure")).isLessThan(forAssignee.indexOf("🔒 Security & compliance"));
        assertThat(forAssignee.indexOf("🔒 Security & compliance")).isLessThan(forAssignee.indexOf("🎨 Optimization"));
        assertThat(forAssignee).contains("`DO-001` *Rotate keys* · 3 pts · <@U0LA> · due Fri 15 Jan 09:00")
                .contains("America/Los_Angeles").contains("Points done *0* · remaining *10*");
        assertThat(forBerlin).contains("`DO-001` *Rotate keys* · 3 pts · <@U0LA> · due Fri 15 Jan 18:00").contains("Europe/Berlin");
        assertThat(forBerlin).contains("`DO-002` *Add canary*").contains(":warning: *overdue*");
    }

    @Test
    void mine_and_all_select_their_tasks() {
        String mine = blocks(server.slack().command("U0LA", "tasks mine"));

        assertThat(mine).contains("DO-001").contains("DO-003").doesNotContain("DO-002");
        assertThat(blocks(server.slack().command("tasks all"))).contains("DO-001").contains("DO-002").contains("DO-003");
    }

    @Test
    void task_done_completes_it_announces_it_and_counts_its_points_as_done() {
        String ack = SlackRequests.ackText(server.slack().command("task done do-2"));

        assertThat(ack).contains("`DO-002` is done");
        assertThat(server.queryString("SELECT status FROM tasks WHERE seq = 2")).isEqualTo("done");
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> c.get("text").contains("completed `DO-002`")));
        assertThat(blocks(server.slack().command("tasks"))).contains("Points done *5* · remaining *5*").contains("Reopen");
        assertThat(SlackRequests.ackText(server.slack().command("task done DO-002"))).contains("already done");
        assertThat(SlackRequests.ackText(server.slack().command("task done DO-99"))).contains("no task `DO-099`");
        assertThat(SlackRequests.ackText(server.slack().command("task done soon"))).contains("Which task?");
    }

    @Test
    void the_done_and_reopen_buttons_change_the_task_and_refresh_the_list_in_place() {
        String taskId = server.queryString("SELECT id FROM tasks WHERE seq = 1");

        server.slack().clickButton("task.list.done", taskId + "|channel");

        assertThat(server.queryString("SELECT status FROM tasks WHERE seq = 1")).isEqualTo("done");
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.responses().size() == 1);
        JsonObject refreshed = slack.responses().get(0);
        assertThat(refreshed.get("replace_original").getAsBoolean()).isTrue();
        assertThat(refreshed.get("blocks").toString()).contains("~`DO-001` *Rotate keys*~").contains("Reopen");

        server.slack().clickButton("task.list.reopen", taskId + "|channel");

        assertThat(server.queryString("SELECT status FROM tasks WHERE seq = 1")).isEqualTo("open");
    }

    @Test
    void tasks_of_a_loop_and_an_unknown_scope() {
        assertThat(SlackRequests.ackText(server.slack().command("tasks nonsense"))).contains("no loop yet").contains("Usage");
    }

    private void submit(String title, String tier, String points, String assignee, String date, String time) {
        JsonObject values = TaskAddTest.form(title, assignee, date, time, null);
        values.add("task_tier", SlackRequests.state("task_tier", SlackRequests.choice(tier)).getAsJsonObject("task_tier"));
        values.add("task_points", SlackRequests.state("task_points", SlackRequests.choice(points)).getAsJsonObject("task_points"));
        HttpResponse<String> ack = server.slack().submitView("task.add", SlackRequests.CHANNEL, values);
        assertThat(SlackRequests.errors(ack).keySet()).isEmpty();
    }

    private static String blocks(HttpResponse<String> response) {
        return com.google.gson.JsonParser.parseString(response.body()).getAsJsonObject().get("blocks").toString();
    }
}
