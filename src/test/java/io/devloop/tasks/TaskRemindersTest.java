package io.devloop.tasks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reminders end to end: the task service schedules, Quartz fires, the DM goes out through the outbox to WireMock. */
class TaskRemindersTest extends DevloopTest {
    static final String ASSIGNEE = SlackRequests.USER; // the user whose clicks SlackRequests sends

    @Test
    void a_task_due_in_3_seconds_sends_exactly_one_due_dm_to_its_assignee() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plusSeconds(3), "none");

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(ASSIGNEE).size() == 1);
        FakeSlack.Call dm = dmsTo(ASSIGNEE).get(0);
        assertThat(dm.get("text")).isEqualTo("⏰ DO-001 Rotate TLS certificates is due now");
        assertThat(dm.blocks().toString()).contains("task.reminder.done", "task.reminder.snooze1h",
                "task.reminder.snooze_tomorrow", "\"value\":\"" + task.id() + "\"", "<#C0GENERAL>", "3 points",
                "Security & compliance");
        assertThat(counted("due")).isEqualTo(1.0);

        Thread.sleep(3000); // nothing else follows: the next reminder is a day away
        assertThat(slack.dms()).hasSize(1);
        SimpleTrigger overdue = (SimpleTrigger) trigger(task, ReminderKind.OVERDUE);
        assertThat(overdue.getNextFireTime().toInstant()).isEqualTo(task.dueAt().truncatedTo(ChronoUnit.MILLIS).plus(Duration.ofDays(1)));
    }

    @Test
    void a_reminder_24_hours_before_due_says_so_and_the_due_reminder_still_follows() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plus(Duration.ofHours(24)).plusSeconds(2), "24h");

        await().atMost(Duration.ofSeconds(10)).until(() -> dmsTo(ASSIGNEE).size() == 1);
        assertThat(dmsTo(ASSIGNEE).get(0).get("text")).isEqualTo("⏰ DO-001 Rotate TLS certificates is due in 24 h");
        assertThat(trigger(task, ReminderKind.DUE).getNextFireTime().toInstant())
                .isEqualTo(task.dueAt().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void snooze_1h_moves_the_reminder_an_hour_from_now_and_keeps_the_others() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plus(Duration.ofHours(5)), "none");

        Instant clicked = Instant.now();
        assertThat(server.slack().clickButton("task.reminder.snooze1h", Long.toString(task.id())).statusCode()).isEqualTo(200);

        Trigger snooze = trigger(task, ReminderKind.SNOOZE);
        assertThat(snooze.getNextFireTime().toInstant())
                .isBetween(clicked.plus(Duration.ofHours(1)).minusSeconds(1), Instant.now().plus(Duration.ofHours(1)));
        assertThat(trigger(task, ReminderKind.DUE)).isNotNull();

        // a second snooze replaces the first: still one snooze trigger
        server.slack().clickButton("task.reminder.snooze1h", Long.toString(task.id()));
        assertThat(server.app().scheduler().getTriggersOfJob(QuartzTaskReminders.jobKey(FakeSlack.TEAM, task.id())))
                .extracting(t -> t.getKey().getName()).filteredOn(n -> n.endsWith("-snooze")).hasSize(1);
    }

    @Test
    void snooze_until_tomorrow_fires_at_9_the_next_morning_in_the_assignees_zone() throws Exception {
        ZoneId la = ZoneId.of("America/Los_Angeles");
        slack.userZone(ASSIGNEE, la.getId());
        Task task = create(ASSIGNEE, Instant.now().plus(Duration.ofDays(3)), "24h");

        Instant expected = Instant.now().atZone(la).toLocalDate().plusDays(1).atTime(9, 0).atZone(la).toInstant();
        server.slack().clickButton("task.reminder.snooze_tomorrow", Long.toString(task.id()));
        Instant expectedAfter = Instant.now().atZone(la).toLocalDate().plusDays(1).atTime(9, 0).atZone(la).toInstant();

        Instant fires = trigger(task, ReminderKind.SNOOZE).getNextFireTime().toInstant();
        assertThat(fires).isIn(expected, expectedAfter); // a click at midnight LA may land on either day
        assertThat(fires.atZone(la).getHour()).isEqualTo(9);
        assertThat(fires.atZone(la).getMinute()).isZero();
    }

    @Test
    void only_the_assignee_can_snooze_their_reminder() throws Exception {
        Task task = create("U0BOB", Instant.now().plus(Duration.ofHours(5)), "none");

        server.slack().clickButton("task.reminder.snooze1h", Long.toString(task.id())); // Alice clicks

        assertThat(server.app().scheduler().getTrigger(QuartzTaskReminders.triggerKey(FakeSlack.TEAM, task.id(),
                ReminderKind.SNOOZE))).isNull();
    }

    @Test
    void done_before_due_cancels_every_reminder() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plusSeconds(3), "none");

        server.slack().clickButton("task.reminder.done", Long.toString(task.id()));

        assertThat(server.queryString("SELECT status FROM tasks WHERE id = " + task.id())).isEqualTo("done");
        assertThat(server.app().scheduler().checkExists(QuartzTaskReminders.jobKey(FakeSlack.TEAM, task.id()))).isFalse();
        Thread.sleep(5000); // well past the due time
        assertThat(slack.dms()).isEmpty();
    }

    @Test
    void done_in_the_dm_completes_the_task_and_rewrites_the_dm_through_its_response_url() {
        slack.stub(post(urlPathEqualTo("/respond/1")).willReturn(aResponse().withStatus(200).withBody("ok")));
        Task task = create(ASSIGNEE, Instant.now().plus(Duration.ofHours(2)), "none");

        server.slack().interactivity(click("task.reminder.done", Long.toString(task.id()), slack.baseUrl() + "/respond/1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !responses().isEmpty());
        JsonObject body = com.google.gson.JsonParser.parseString(responses().get(0).getBodyAsString()).getAsJsonObject();
        assertThat(body.get("replace_original").getAsBoolean()).isTrue();
        assertThat(body.get("text").getAsString()).isEqualTo("✅ Done: DO-001 *Rotate TLS certificates* (marked by <@U0ALICE>).");
        assertThat(body.toString()).doesNotContain("task.reminder.snooze1h");
        assertThat(server.queryString("SELECT done_by FROM tasks WHERE id = " + task.id())).isEqualTo(ASSIGNEE);
    }

    @Test
    void a_task_done_behind_quartzs_back_sends_nothing_when_its_trigger_fires() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plusSeconds(2), "none");
        server.jdbi().useHandle(h -> h.execute("UPDATE tasks SET status = 'done' WHERE team_id = ? AND id = ?",
                FakeSlack.TEAM, task.id()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.app().scheduler().getTrigger(triggerKey(task, ReminderKind.DUE)) == null); // it fired
        Thread.sleep(1500);
        assertThat(slack.dms()).isEmpty();
        assertThat(server.count("outbox WHERE channel_id = '" + ASSIGNEE + "'")).isZero(); // no DM queued
    }

    @Test
    void a_reminder_planned_for_an_earlier_due_time_sends_nothing() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plusSeconds(2), "none");
        // the due time moves, but the triggers are not replaced (as if the reschedule raced the fire)
        server.jdbi().useHandle(h -> h.execute("UPDATE tasks SET due_at = ? WHERE team_id = ? AND id = ?",
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(2), FakeSlack.TEAM, task.id()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> server.app().scheduler().getTrigger(triggerKey(task, ReminderKind.DUE)) == null);
        Thread.sleep(1500);
        assertThat(slack.dms()).isEmpty();
    }

    @Test
    void rescheduling_a_reassigned_task_replaces_all_its_triggers() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plus(Duration.ofHours(30)), "24h");
        server.slack().clickButton("task.reminder.snooze1h", Long.toString(task.id()));
        assertThat(triggerNames(task)).containsExactlyInAnyOrder("before", "due", "overdue", "snooze");

        Task moved = new Task(task.id(), task.teamId(), task.seq(), task.channelId(), task.loopId(), task.title(), task.tier(),
                task.points(), "U0BOB", Instant.now().plus(Duration.ofHours(2)), task.dueZone(), "24h", task.steps(),
                task.successCriteria(), task.status(), null, null, task.createdBy(), task.createdAt(), task.updatedAt());
        new QuartzTaskReminders(server.app().scheduler(), java.time.Clock.systemUTC()).schedule(moved);

        assertThat(triggerNames(task)).containsExactlyInAnyOrder("due", "overdue"); // 24 h before has passed; snooze gone
        assertThat(trigger(task, ReminderKind.DUE).getNextFireTime().toInstant())
                .isEqualTo(moved.dueAt().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void the_overdue_reminder_repeats_daily_at_most_7_times() throws Exception {
        Task task = create(ASSIGNEE, Instant.now().plus(Duration.ofHours(1)), "none");

        SimpleTrigger overdue = (SimpleTrigger) trigger(task, ReminderKind.OVERDUE);
        Instant due = task.dueAt().truncatedTo(ChronoUnit.MILLIS);
        assertThat(overdue.getStartTime().toInstant()).isEqualTo(due.plus(Duration.ofDays(1)));
        assertThat(overdue.getRepeatInterval()).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(overdue.getRepeatCount()).isEqualTo(6); // 1 + 6 repeats = 7 reminders
        assertThat(overdue.getFinalFireTime().toInstant()).isEqualTo(due.plus(Duration.ofDays(7)));
        assertThat(overdue.getMisfireInstruction())
                .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NOW_WITH_REMAINING_REPEAT_COUNT);
        assertThat(trigger(task, ReminderKind.DUE).getMisfireInstruction()).isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW);
    }

    // --- helpers

    private Task create(String assignee, Instant dueAt, String remindBefore) {
        return server.app().tasks().create(FakeSlack.TEAM, SlackRequests.USER, draft(assignee, dueAt, remindBefore),
                "test-" + UUID.randomUUID()).orElseThrow();
    }

    static TaskService.Draft draft(String assignee, Instant dueAt, String remindBefore) {
        return new TaskService.Draft(SlackRequests.CHANNEL, null, "Rotate TLS certificates", Tier.SECURITY, 3, assignee,
                dueAt, "UTC", remindBefore, null, null);
    }

    private List<FakeSlack.Call> dmsTo(String userId) {
        return slack.dms().stream().filter(c -> userId.equals(c.get("channel"))).toList();
    }

    private double counted(String kind) {
        var counter = server.app().registry().find("devloop.reminders.fired").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private Trigger trigger(Task task, ReminderKind kind) throws Exception {
        return server.app().scheduler().getTrigger(triggerKey(task, kind));
    }

    private static org.quartz.TriggerKey triggerKey(Task task, ReminderKind kind) {
        return QuartzTaskReminders.triggerKey(task.teamId(), task.id(), kind);
    }

    private List<String> triggerNames(Task task) throws Exception {
        String prefix = "task-" + task.teamId() + "-" + task.id() + "-";
        return server.app().scheduler().getTriggersOfJob(QuartzTaskReminders.jobKey(task.teamId(), task.id())).stream()
                .map(t -> t.getKey().getName().substring(prefix.length())).toList();
    }

    private List<LoggedRequest> responses() {
        return slack.server().findAll(postRequestedFor(urlPathEqualTo("/respond/1")));
    }

    /** A click on the reminder DM as Slack sends it, answering to a response_url of our own. */
    private static JsonObject click(String actionId, String value, String responseUrl) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        payload.add("team", obj("id", FakeSlack.TEAM, "domain", "acme"));
        payload.add("user", obj("id", ASSIGNEE, "username", "alice", "team_id", FakeSlack.TEAM));
        payload.addProperty("api_app_id", "A0DEVLOOP");
        payload.addProperty("trigger_id", "1." + System.nanoTime() + ".abc");
        payload.add("channel", obj("id", "D0ALICE", "name", "directmessage"));
        payload.add("container", obj("type", "message", "message_ts", "1700000000.000100", "channel_id", "D0ALICE"));
        payload.addProperty("response_url", responseUrl);
        JsonArray actions = new JsonArray();
        actions.add(obj("type", "button", "action_id", actionId, "block_id", "task.reminder", "value", value,
                "action_ts", "1700000001.000200"));
        payload.add("actions", actions);
        return payload;
    }

    private static JsonObject obj(String... kv) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < kv.length; i += 2) {
            o.addProperty(kv[i], kv[i + 1]);
        }
        return o;
    }
}
