package io.devloop.tasks;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.devloop.testing.SlackRequests.ackText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DigestCommandTest extends DevloopTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final JobKey JOB = DigestSchedule.jobKey(FakeSlack.TEAM, SlackRequests.CHANNEL);

    @Test
    void setting_09_00_in_berlin_stores_the_setters_zone_and_a_weekday_cron_trigger_in_that_zone() throws Exception {
        slack.userZone(SlackRequests.USER, "Europe/Berlin");

        String answer = ackText(server.slack().command("tasks digest 09:00"));

        assertThat(answer).startsWith(":white_check_mark: This channel gets the daily tasks digest at *09:00* (Europe/Berlin")
                .contains("Monday to Friday").contains("Next one: *").contains("at 09:00* (Europe/Berlin)");
        Map<String, Object> row = server.jdbi().withHandle(h -> h.createQuery(
                "SELECT team_id, channel_id, time_of_day, zone, skip_weekends, set_by FROM task_digests").mapToMap().one());
        assertThat(row).containsEntry("team_id", FakeSlack.TEAM).containsEntry("channel_id", SlackRequests.CHANNEL)
                .containsEntry("time_of_day", "09:00").containsEntry("zone", "Europe/Berlin")
                .containsEntry("skip_weekends", true).containsEntry("set_by", SlackRequests.USER);

        CronTrigger trigger = trigger();
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 9 ? * MON-FRI");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        ZonedDateTime next = trigger.getNextFireTime().toInstant().atZone(BERLIN);
        assertThat(next.getHour()).isEqualTo(9);
        assertThat(next.getDayOfWeek().getValue()).isBetween(1, 5);
        assertThat(answer).contains(next.getDayOfMonth() + " " + next.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));
        // on a Friday afternoon (the next one: a trigger fires nothing before it was set) → Monday 09:00 Berlin
        LocalDate friday = LocalDate.now(BERLIN).with(TemporalAdjusters.next(DayOfWeek.FRIDAY));
        Date fridayAfternoon = Date.from(friday.atTime(15, 0).atZone(BERLIN).toInstant());
        assertThat(trigger.getFireTimeAfter(fridayAfternoon).toInstant())
                .isEqualTo(friday.plusDays(3).atTime(9, 0).atZone(BERLIN).toInstant());
        assertThat(server.app().scheduler().getJobDetail(JOB).getJobDataMap().getWrappedMap())
                .containsOnlyKeys("teamId", "channelId");
    }

    @Test
    void changing_the_time_replaces_the_trigger_and_daily_includes_weekends() throws Exception {
        server.slack().command("tasks digest 09:00");

        String answer = ackText(server.slack().command("tasks digest 5:30pm daily"));

        assertThat(answer).contains("*17:30* (UTC").contains("every day");
        assertThat(server.count("task_digests")).isEqualTo(1);
        Scheduler scheduler = server.app().scheduler();
        assertThat(scheduler.getTriggersOfJob(JOB)).hasSize(1);
        assertThat(trigger().getCronExpression()).isEqualTo("0 30 17 ? * *");
        LocalDate saturday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.SATURDAY));
        assertThat(trigger().getFireTimeAfter(Date.from(saturday.atTime(8, 0).toInstant(ZoneOffset.UTC))).toInstant())
                .isEqualTo(saturday.atTime(17, 30).toInstant(ZoneOffset.UTC));
    }

    @Test
    void off_deletes_the_settings_and_the_job() throws Exception {
        server.slack().command("tasks digest 09:00");

        String answer = ackText(server.slack().command("tasks digest off"));

        assertThat(answer).isEqualTo(":white_check_mark: The daily tasks digest of this channel is off.");
        assertThat(server.count("task_digests")).isZero();
        assertThat(server.app().scheduler().checkExists(JOB)).isFalse();
        assertThat(ackText(server.slack().command("tasks digest off"))).startsWith("The daily tasks digest of this channel was already off.");
    }

    @Test
    void a_time_it_cannot_read_gets_the_usage_and_changes_nothing() throws Exception {
        for (String bad : List.of("25:00", "9", "soon", "12:75")) {
            String answer = ackText(server.slack().command("tasks digest " + bad));

            assertThat(answer).startsWith("I can't read `" + bad + "` as a time of day (00:00–23:59).")
                    .contains("Usage: `/devloop tasks digest <HH:MM|off>`");
        }
        assertThat(server.count("task_digests")).isZero();
        assertThat(server.app().scheduler().checkExists(JOB)).isFalse();
    }

    @Test
    void without_arguments_it_says_whether_the_digest_is_on() {
        assertThat(ackText(server.slack().command("tasks digest"))).startsWith("The daily tasks digest is off in this channel.");

        server.slack().command("tasks digest 08:15");

        assertThat(ackText(server.slack().command("tasks digest")))
                .startsWith("This channel gets the daily tasks digest at *08:15* (UTC), Monday to Friday, set by <@U0ALICE>.");
    }

    @Test
    void the_job_posts_one_digest_of_this_channels_tasks_through_the_outbox() throws Exception {
        Instant now = Instant.now();
        Instant startOfToday = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        insert(TaskFixtures.open(1, "Due today task", 3, "U0BOB", startOfToday.plusSeconds(60)));
        insert(TaskFixtures.open(2, "Overdue task", 5, "U0CAROL", startOfToday.minus(Duration.ofDays(3))));
        insert(TaskFixtures.done(3, "Done yesterday task", 2, "U0BOB", null, startOfToday.minus(Duration.ofHours(2))));
        insert(TaskFixtures.open(4, "Next week task", 1, "U0BOB", now.plus(Duration.ofDays(8))));
        insert(TaskFixtures.task(FakeSlack.TEAM, "C0OTHER", 5, "Other channel task", 8, "U0BOB", startOfToday.plusSeconds(90), null));
        insert(TaskFixtures.task("T0OTHERTEAM", SlackRequests.CHANNEL, 1, "Other team task", 8, "U0BOB", startOfToday.plusSeconds(90), null));
        server.slack().command("tasks digest 09:00 daily");

        server.app().scheduler().triggerJob(JOB);

        await().atMost(Duration.ofSeconds(10)).until(() -> !digests().isEmpty());
        Thread.sleep(500);
        assertThat(digests()).hasSize(1);
        FakeSlack.Call post = digests().get(0);
        assertThat(post.get("channel")).isEqualTo(SlackRequests.CHANNEL);
        assertThat(post.get("text")).isEqualTo("Daily tasks digest: 1 due today, 1 overdue, 1 done yesterday");
        String blocks = post.blocks().toString();
        assertThat(blocks).contains("*Due today* · 1\\nDO-001 *Due today task* · 3 pts · <@U0BOB> · due <!date^")
                .contains("*Overdue* · 1\\nDO-002 *Overdue task*")
                .contains("*Done yesterday* · 1\\nDO-003 *Done yesterday task*")
                .contains("Points burned 2 · remaining 9")
                .doesNotContain("DO-004").doesNotContain("Other channel task").doesNotContain("Other team task");
    }

    @Test
    void a_digest_turned_off_sends_nothing_when_its_run_was_already_due() throws Exception {
        server.slack().command("tasks digest 09:00");
        server.jdbi().useHandle(h -> h.execute("DELETE FROM task_digests")); // off, but the job is still there

        server.app().scheduler().triggerJob(JOB);

        Thread.sleep(1500);
        assertThat(digests()).isEmpty();
        assertThat(server.count("outbox")).isZero();
    }

    private List<FakeSlack.Call> digests() {
        return slack.calls("chat.postMessage").stream().filter(c -> c.get("text").startsWith("Daily tasks digest")).toList();
    }

    /** TaskDao.insert always stores an open task; a done one is completed at its own time afterwards. */
    private void insert(Task task) {
        server.jdbi().useHandle(h -> {
            long id = h.attach(TaskDao.class).insert(task);
            if (task.isDone()) {
                h.createUpdate("UPDATE tasks SET status = 'done', done_at = :doneAt, done_by = assignee_id WHERE id = :id")
                        .bind("doneAt", task.doneAt()).bind("id", id).execute();
            }
        });
    }

    private CronTrigger trigger() throws Exception {
        return (CronTrigger) server.app().scheduler().getTrigger(DigestSchedule.triggerKey(FakeSlack.TEAM, SlackRequests.CHANNEL));
    }
}
