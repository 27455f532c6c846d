package io.devloop.schedule;

import io.devloop.db.Database;
import io.devloop.testing.TestDb;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HousekeepingJobTest {

    @Test
    void old_dedupe_keys_and_delivered_rows_go_while_anchors_pending_and_recent_rows_stay() {
        try (Database db = TestDb.H2.open()) {
            Instant old = Instant.now().minus(8, ChronoUnit.DAYS);
            Instant recent = Instant.now().minus(1, ChronoUnit.HOURS);
            db.jdbi().useHandle(h -> {
                h.createUpdate("INSERT INTO slack_dedupe (team_id, dedupe_key, created_at) VALUES ('T1', 'old', :at)").bind("at", old).execute();
                h.createUpdate("INSERT INTO slack_dedupe (team_id, dedupe_key, created_at) VALUES ('T1', 'recent', :at)").bind("at", recent).execute();
                for (Object[] row : List.of(new Object[]{"sent", false, old}, new Object[]{"superseded", false, old},
                        new Object[]{"sent", true, old}, new Object[]{"pending", false, old}, new Object[]{"dead", false, old},
                        new Object[]{"sent", false, recent})) {
                    h.createUpdate("""
                            INSERT INTO outbox (team_id, channel_id, kind, text, status, anchor, next_attempt_at, created_at)
                            VALUES ('T1', 'C1', 'post', :text, :status, :anchor, :at, :at)""")
                            .bind("text", row[0] + "/" + row[1]).bind("status", (String) row[0]).bind("anchor", (Boolean) row[1])
                            .bind("at", (Instant) row[2]).execute();
                }
            });

            new HousekeepingJob(db.jdbi()).execute(null);

            List<String> keys = db.jdbi().withHandle(h -> h.createQuery("SELECT dedupe_key FROM slack_dedupe").mapTo(String.class).list());
            List<String> rows = db.jdbi().withHandle(h -> h.createQuery("SELECT status || '/' || anchor || '/' || "
                    + "CASE WHEN created_at > :cut THEN 'recent' ELSE 'old' END FROM outbox ORDER BY id")
                    .bind("cut", Instant.now().minus(1, ChronoUnit.DAYS)).mapTo(String.class).list());
            assertThat(keys).containsExactly("recent");
            assertThat(rows).containsExactly("sent/TRUE/old", "pending/FALSE/old", "dead/FALSE/old", "sent/FALSE/recent");
        }
    }
}
