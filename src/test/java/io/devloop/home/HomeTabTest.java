package io.devloop.home;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import io.devloop.loop.Loop;
import io.devloop.tasks.Task;
import io.devloop.tasks.TaskService;
import io.devloop.tasks.Tier;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static io.devloop.testing.SlackRequests.CHANNEL;
import static io.devloop.testing.SlackRequests.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The App Home tab through the real server: opening it publishes the person's tasks (in their zone, overdue
 * first), the open incidents around them and their loops; completing a task publishes it again.
 */
class HomeTabTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/home-tab.json");
    private static final String BOB = "U0BOB";

    private FakeSlack slack;
    private TestServer server;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        slack.userZone(USER, "America/Los_Angeles");
        server = TestServer.start(slack);
    }

    @AfterEach
    void stop() {
        server.close();
        slack.close();
    }

    @Test
    void opening_the_home_tab_publishes_my_tasks_incidents_and_loops_and_completing_a_task_republishes_it() {
        // given: a loop in #general, two tasks of mine (one overdue), one of Bob's, and incidents in and out of my channels
        server.slack().command("plan Checkout v2");
        Instant now = Instant.now();
        addTask("Rotate the TLS certificates", USER, now.plus(Duration.ofDays(2)));
        addTask("Patch the login CVE", USER, now.minus(Duration.ofHours(3)));
        addTask("Bob's own task", BOB, now.plus(Duration.ofDays(1)));
        insertIncident(1, CHANNEL, "Checkout is slow", 2, "investigating", BOB);
        insertIncident(2, "C0ELSEWHERE", "Someone else's outage", 1, "investigating", BOB);
        insertIncident(3, CHANNEL, "Yesterday's outage", 1, "resolved", USER);
        quietThenForgetPublishes();

        // when
        server.slack().event(homeOpened(USER));

        // then: one views.publish for me, listing them
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.publish").size() == 1);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> slack.calls("views.publish").size() == 1);
        FakeSlack.Call publish = slack.calls("views.publish").get(0);
        assertThat(publish.get("user_id")).isEqualTo(USER);
        String view = publish.get("view");
        assertThat(JsonParser.parseString(view).getAsJsonObject().get("type").getAsString()).isEqualTo("home");
        assertThat(view).contains("My open tasks (2)").contains("DO-001").contains("DO-002").doesNotContain("Bob's own task")
                .contains("Open incidents (1)").contains("INC-1").contains("Checkout is slow").doesNotContain("INC-2")
                .doesNotContain("INC-3").contains("My loops (1)").contains("L-1").contains("Checkout v2")
                .contains("America/Los_Angeles").contains("incident_declare_open");
        assertThat(view.indexOf("DO-002")).as("overdue first").isLessThan(view.indexOf("DO-001"));
        assertThat(view).contains(":warning: *overdue*");

        // when: I complete a task
        server.slack().command("task done DO-002");

        // then: the tab is published again without it
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.publish").size() == 2);
        assertThat(slack.calls("views.publish").get(1).get("view")).contains("My open tasks (1)").doesNotContain("DO-002");
    }

    @Test
    void the_plan_button_opens_a_form_whose_submission_plans_the_loop_in_the_chosen_channel() {
        server.slack().clickButton(HomeViews.PLAN_ACTION, "");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.open").size() == 1);
        assertThat(slack.calls("views.open").get(0).get("view")).contains(HomeViews.PLAN_CALLBACK);

        var missing = server.slack().submitView(HomeViews.PLAN_CALLBACK, "", SlackRequests.state(HomeViews.FEATURE,
                SlackRequests.text("Search")));
        assertThat(SlackRequests.errors(missing).has(HomeViews.CHANNEL)).isTrue();

        var ok = server.slack().submitView(HomeViews.PLAN_CALLBACK, "", SlackRequests.state(
                HomeViews.FEATURE, SlackRequests.text("Search"), HomeViews.CHANNEL, conversation("C0SEARCH")));

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(server.queryString("SELECT channel_id FROM loops WHERE feature = 'Search'")).isEqualTo("C0SEARCH");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.publish").stream()
                .anyMatch(c -> c.get("view").contains("Search")));
    }

    @Test
    void add_a_task_asks_for_the_channel_then_turns_into_the_task_form_for_it() {
        var answer = server.slack().submitView(HomeViews.TASK_CALLBACK, "", SlackRequests.state(HomeViews.CHANNEL,
                conversation("C0SEARCH")));

        JsonObject body = JsonParser.parseString(answer.body()).getAsJsonObject();
        assertThat(body.get("response_action").getAsString()).isEqualTo("update");
        assertThat(body.getAsJsonObject("view").get("callback_id").getAsString()).isEqualTo("task.add");
        assertThat(body.getAsJsonObject("view").get("private_metadata").getAsString()).isEqualTo("C0SEARCH");
    }

    @Test
    void the_home_tab_matches_its_golden_file() throws IOException {
        Instant now = Instant.parse("2026-03-10T16:00:00Z");
        ZoneId zone = ZoneId.of("America/Los_Angeles");
        Loop loop = new Loop(1, FakeSlack.TEAM, 1, CHANNEL, "Checkout v2", "checkout v2", USER, null, null, now, now);
        HomeService.Home home = new HomeService.Home(USER, zone, now, List.of(
                task(2, "Patch the login CVE", now.minus(Duration.ofHours(3))),
                task(1, "Rotate the TLS certificates", now.plus(Duration.ofDays(2)))), 2,
                List.of(new HomeIncident(1, "Checkout is slow", 2, "investigating", CHANNEL, BOB, now.minus(Duration.ofMinutes(40)))),
                List.of(new HomeService.LoopScore(loop, 35, false)));

        String actual = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                .toJson(JsonParser.parseString(GsonFactory.createSnakeCase().toJson(HomeViews.home(home)))) + "\n";

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    private static Task task(long seq, String title, Instant due) {
        return new Task(seq, FakeSlack.TEAM, seq, CHANNEL, null, title, "critical", 3, USER, due, "America/Los_Angeles",
                "24h", null, null, Task.OPEN, null, null, USER, due, due);
    }

    private void addTask(String title, String assignee, Instant due) {
        server.app().tasks().create(FakeSlack.TEAM, USER, new TaskService.Draft(CHANNEL, null, title, Tier.CRITICAL, 3,
                assignee, due, "UTC", "none", null, null), "test:" + UUID.randomUUID());
    }

    private void insertIncident(long seq, String channel, String title, int severity, String status, String commander) {
        Instant at = Instant.now().minus(Duration.ofMinutes(30));
        server.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO incidents (team_id, seq, channel_id, title, severity, status, commander_id, declared_by,
                                       started_at, declared_at, last_update_at, updated_at)
                VALUES (:team, :seq, :channel, :title, :severity, :status, :commander, :commander, :at, :at, :at, :at)""")
                .bind("team", FakeSlack.TEAM).bind("seq", seq).bind("channel", channel).bind("title", title)
                .bind("severity", severity).bind("status", status).bind("commander", commander).bind("at", at).execute());
    }

    /** Creating tasks refreshes their assignees' tabs; wait for that to settle, then count from zero. */
    private void quietThenForgetPublishes() {
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(10))
                .until(() -> server.count("outbox WHERE status = 'pending'") == 0);
        slack.server().resetRequests();
    }

    private static JsonObject homeOpened(String user) {
        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", user);
        event.addProperty("channel", "D0HOME");
        event.addProperty("tab", "home");
        event.addProperty("event_ts", Instant.now().getEpochSecond() + ".000100");
        return event;
    }

    private static JsonObject conversation(String id) {
        JsonObject value = new JsonObject();
        value.addProperty("type", "conversations_select");
        value.addProperty("selected_conversation", id);
        return value;
    }
}
