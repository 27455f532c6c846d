package io.devloop.tasks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static io.devloop.tasks.QuartzTaskReminders.Planned;
import static org.assertj.core.api.Assertions.assertThat;

/** Which reminders a task gets, what they say, and when "tomorrow 9:00" is: pure functions, no server. */
class ReminderPlanTest {
    static final Instant NOW = Instant.parse("2025-01-14T12:00:00Z");
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Test
    void an_open_task_due_in_two_days_gets_24h_before_due_and_7_daily_overdue() {
        Instant due = NOW.plus(Duration.ofDays(2));
        assertThat(QuartzTaskReminders.plan(task(due, "24h", "open", "U1"), NOW)).containsExactly(
                new Planned(ReminderKind.BEFORE, due.minus(Duration.ofHours(24)), 0),
                new Planned(ReminderKind.DUE, due, 0),
                new Planned(ReminderKind.OVERDUE, due.plus(Duration.ofDays(1)), 6));
    }

    @Test
    void a_before_reminder_whose_moment_has_passed_is_skipped() {
        Instant due = NOW.plus(Duration.ofMinutes(30));
        assertThat(QuartzTaskReminders.plan(task(due, "1h", "open", "U1"), NOW))
                .extracting(Planned::kind).containsExactly(ReminderKind.DUE, ReminderKind.OVERDUE);
        assertThat(QuartzTaskReminders.plan(task(due, "none", "open", "U1"), NOW))
                .extracting(Planned::kind).containsExactly(ReminderKind.DUE, ReminderKind.OVERDUE);
    }

    @Test
    void a_task_reopened_when_overdue_for_two_and_a_half_days_gets_its_remaining_daily_reminders() {
        Instant due = NOW.minus(Duration.ofHours(60));
        assertThat(QuartzTaskReminders.plan(task(due, "24h", "open", "U1"), NOW)).containsExactly(
                new Planned(ReminderKind.OVERDUE, due.plus(Duration.ofDays(3)), 4));
    }

    @Test
    void no_reminders_when_done_unassigned_undated_or_overdue_for_more_than_7_days() {
        Instant due = NOW.plus(Duration.ofDays(1));
        assertThat(QuartzTaskReminders.plan(task(due, "24h", "done", "U1"), NOW)).isEmpty();
        assertThat(QuartzTaskReminders.plan(task(due, "24h", "open", null), NOW)).isEmpty();
        assertThat(QuartzTaskReminders.plan(task(null, "24h", "open", "U1"), NOW)).isEmpty();
        assertThat(QuartzTaskReminders.plan(task(NOW.minus(Duration.ofDays(8)), "24h", "open", "U1"), NOW)).isEmpty();
    }

    @Test
    void a_reminder_applies_only_while_the_task_is_open_assigned_and_due_when_it_was_planned() {
        Instant due = NOW.plus(Duration.ofHours(1));
        long planned = due.toEpochMilli();
        assertThat(TaskReminderJob.applies(task(due, "1h", "open", "U1"), ReminderKind.BEFORE, planned, NOW)).isTrue();
        assertThat(TaskReminderJob.applies(task(due, "1h", "done", "U1"), ReminderKind.DUE, planned, NOW)).isFalse();
        assertThat(TaskReminderJob.applies(task(due, "1h", "open", null), ReminderKind.DUE, planned, NOW)).isFalse();
        assertThat(TaskReminderJob.applies(task(due.plusSeconds(60), "1h", "open", "U1"), ReminderKind.DUE, planned, NOW))
                .as("due time moved since").isFalse();
        assertThat(TaskReminderJob.applies(task(due, "1h", "open", "U1"), ReminderKind.BEFORE, planned, due.plusSeconds(5)))
                .as("a late 'before' after the due time").isFalse();
        assertThat(TaskReminderJob.applies(task(due, "1h", "open", "U1"), ReminderKind.OVERDUE, planned, NOW)).isFalse();
    }

    @Test
    void the_dm_says_how_far_the_due_time_is_in_words() {
        Instant due = NOW;
        assertThat(ReminderViews.dueness(due, NOW.minusSeconds(24 * 3600))).isEqualTo("is due in 24 h");
        assertThat(ReminderViews.dueness(due, NOW.minusSeconds(3600))).isEqualTo("is due in 1 h");
        assertThat(ReminderViews.dueness(due, NOW.plusSeconds(2))).isEqualTo("is due now");
        assertThat(ReminderViews.dueness(due, NOW.plus(Duration.ofDays(1)))).isEqualTo("is overdue by 1 day");
        assertThat(ReminderViews.dueness(due, NOW.plus(Duration.ofDays(2)))).isEqualTo("is overdue by 2 days");
        assertThat(ReminderViews.dueness(due, NOW.plus(Duration.ofMinutes(65)))).isEqualTo("is overdue by 1 h");
        assertThat(ReminderViews.dueness(due, NOW.minus(Duration.ofMinutes(20)))).isEqualTo("is due in 20 min");
    }

    @Test
    void the_due_time_is_shown_in_the_assignees_zone() {
        Instant due = Instant.parse("2025-01-14T17:00:00Z");
        var dm = ReminderViews.reminder(task(due, "24h", "open", "U1"), "L-3 Checkout v2", LA, due.minus(Duration.ofHours(24)));
        assertThat(dm.text()).isEqualTo("⏰ DO-007 Rotate <TLS> & certs is due in 24 h");
        String blocks = new com.google.gson.GsonBuilder().disableHtmlEscaping().create().toJson(dm.blocks());
        assertThat(blocks).contains("Due Tue 14 Jan, 09:00 PST", "L-3 Checkout v2", "*Rotate &lt;TLS&gt; &amp; certs*");
    }

    @Test
    void tomorrow_9_is_the_next_calendar_day_in_the_zone_also_before_9_and_across_dst() {
        // 07:00 in LA: 9:00 today is still ahead, but the button says tomorrow
        assertThat(ReminderHandlers.tomorrowAt9(Instant.parse("2025-01-14T15:00:00Z"), LA))
                .isEqualTo(Instant.parse("2025-01-15T17:00:00Z"));
        // 23:30 UTC on 14 Jan is 15:30 in LA, still the 14th there
        assertThat(ReminderHandlers.tomorrowAt9(Instant.parse("2025-01-14T23:30:00Z"), LA))
                .isEqualTo(Instant.parse("2025-01-15T17:00:00Z"));
        // Saturday 8 March 2025 evening in LA; clocks spring forward that night, so 09:00 PDT is 16:00 UTC
        assertThat(ReminderHandlers.tomorrowAt9(Instant.parse("2025-03-09T04:00:00Z"), LA))
                .isEqualTo(Instant.parse("2025-03-09T16:00:00Z"));
    }

    private static Task task(Instant due, String remindBefore, String status, String assignee) {
        return new Task(42, "T1", 7, "C1", null, "Rotate <TLS> & certs", "security", 3, assignee, due, "UTC",
                remindBefore, null, null, status, null, null, "U0", NOW, NOW);
    }
}
