package io.devloop.tasks;

import com.google.gson.JsonParser;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TaskEditTest extends DevloopTest {

    @Test
    void task_edit_opens_the_form_prefilled_in_the_zone_the_due_time_was_picked_in_and_saves_changes() {
        slack.userZone("U0LA", "America/Los_Angeles");
        server.slack().submitView("task.add", SlackRequests.CHANNEL, TaskAddTest.form("Rotate keys", "U0LA", "2027-01-15", "09:00", null));
        String taskId = server.queryString("SELECT id FROM tasks");

        server.slack().command("task edit DO-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.open").size() == 1);
        String view = JsonParser.parseString(slack.calls("views.open").get(0).get("view")).toString();
        assertThat(view).contains("\"callback_id\":\"task.edit\"").contains("\"private_metadata\":\"" + taskId + "\"")
                .contains("\"initial_value\":\"Rotate keys\"").contains("\"initial_date\":\"2027-01-15\"")
                .contains("\"initial_time\":\"09:00\"").contains("\"initial_user\":\"U0LA\"").contains("Edit DO-001");

        var values = TaskAddTest.form("Rotate all keys", "U0BOB", "2027-01-16", "10:30", null);
        var ack = server.slack().submitView("task.edit", taskId, values);

        assertThat(SlackRequests.errors(ack).keySet()).isEmpty();
        assertThat(server.queryString("SELECT title FROM tasks")).isEqualTo("Rotate all keys");
        assertThat(server.queryString("SELECT assignee_id FROM tasks")).isEqualTo("U0BOB");
        Instant due = server.jdbi().withHandle(h -> h.createQuery("SELECT due_at FROM tasks").mapTo(Instant.class).one());
        assertThat(due).isEqualTo(Instant.parse("2027-01-16T10:30:00Z")); // U0BOB is in UTC
        assertThat(server.count("tasks")).isEqualTo(1);
    }

    @Test
    void editing_an_unknown_task_or_another_teams_task_saves_nothing() {
        assertThat(SlackRequests.ackText(server.slack().command("task edit DO-9"))).contains("no task `DO-009`");

        var ack = server.slack().submitView("task.edit", "424242", TaskAddTest.form("X", "U0BOB", null, null, null));

        assertThat(SlackRequests.errors(ack).get("task_title").getAsString()).contains("not in this workspace");
    }
}
