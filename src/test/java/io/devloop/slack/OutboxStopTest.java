package io.devloop.slack;

import io.devloop.config.Config;
import io.devloop.db.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop while the outbox poller is inside a query on an H2 file database: the poller must not be
 * interrupted (H2 closes its file channel on an interrupt during a read), and the file must reopen cleanly with the
 * committed rows.
 */
class OutboxStopTest {
    private static final int ROWS = 50;

    @Test
    void stoppingWhileThePollerQueriesNeverInterruptsItAndTheFileReopensWithItsRows(@TempDir Path dir) throws Exception {
        Config config = Config.from(Map.of("DEVLOOP_DB_URL", "jdbc:h2:file:" + dir.resolve("devloop")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"), List.of());
        Database db = Database.open(config);
        Outbox outbox = new Outbox(Clock.systemUTC());
        // committed rows the poller reads on every poll, not due for an hour (nothing is sent)
        db.jdbi().useTransaction(h -> {
            for (int i = 0; i < ROWS; i++) {
                h.attach(OutboxDao.class).insert("T1", "C" + i, OutboxRow.POST, "hello " + i, null, null, null, null,
                        false, Instant.now().plusSeconds(3600));
            }
        });
        CountDownLatch pollerInQuery = new CountDownLatch(1);
        AtomicBoolean armed = new AtomicBoolean(true);
        AtomicBoolean interrupted = new AtomicBoolean();
        db.jdbi().getConfig(SqlStatements.class).addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                if (Thread.currentThread().getName().equals("outbox-poller") && armed.getAndSet(false)) {
                    pollerInQuery.countDown();
                    try {
                        Thread.sleep(1_500); // the stop arrives while the poller is here, inside JDBC
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        Thread.currentThread().interrupt(); // as a real interrupt would: H2 then reads the file
                    }
                }
            }
        });
        OutboxSender sender = new OutboxSender(db.jdbi(), com.slack.api.Slack.getInstance(), team -> "xoxb-test",
                "node-a", Clock.systemUTC(), outbox, new SimpleMeterRegistry());
        sender.start();
        assertThat(pollerInQuery.await(10, TimeUnit.SECONDS)).isTrue();

        sender.close();
        db.close();

        assertThat(interrupted).as("the poller was interrupted inside a query").isFalse();
        Database reopened = Database.open(config);
        try {
            long pending = reopened.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM outbox WHERE status = 'pending'").mapTo(Long.class).one());
            assertThat(pending).isEqualTo(ROWS);
        } finally {
            reopened.close();
        }
    }
}
