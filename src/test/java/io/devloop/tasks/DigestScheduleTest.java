package io.devloop.tasks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DigestScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static DigestSettings at(String time, boolean skipWeekends) {
        return new DigestSettings("T1", "C1", time, "Europe/Berlin", skipWeekends, "U1", Instant.EPOCH);
    }

    @Test
    void weekdays_only_skips_from_friday_to_monday_in_the_setters_zone() {
        Instant fridayNoon = ZonedDateTime.of(2026, 3, 13, 12, 0, 0, 0, BERLIN).toInstant();

        assertThat(DigestSchedule.cron(at("09:00", true))).isEqualTo("0 0 9 ? * MON-FRI");
        assertThat(DigestSchedule.nextRun(at("09:00", true), fridayNoon))
                .isEqualTo(ZonedDateTime.of(2026, 3, 16, 9, 0, 0, 0, BERLIN).toInstant());
        assertThat(DigestSchedule.nextRun(at("09:00", false), fridayNoon))
                .isEqualTo(ZonedDateTime.of(2026, 3, 14, 9, 0, 0, 0, BERLIN).toInstant());
    }

    @Test
    void the_time_stays_09_00_local_across_the_dst_change() {
        Instant fridayBeforeDst = ZonedDateTime.of(2026, 3, 27, 12, 0, 0, 0, BERLIN).toInstant();

        // CET (+01) on Friday, CEST (+02) from Sunday 29 March: Monday 09:00 is 07:00 UTC
        assertThat(DigestSchedule.nextRun(at("09:00", true), fridayBeforeDst)).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(DigestSchedule.nextRun(at("17:45", true), Instant.parse("2026-03-26T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-26T16:45:00Z"));
    }
}
