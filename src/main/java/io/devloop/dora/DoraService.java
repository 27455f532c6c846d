package io.devloop.dora;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the facts DORA needs — production deployments (with their commit times), failed deployments, rollbacks,
 * incidents — for one team and window, and hands them to {@link Dora}.
 */
public final class DoraService {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 365;

    private final Jdbi jdbi;
    private final Clock clock;

    public DoraService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Dora.Report report(String teamId, int days) {
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        return jdbi.withHandle(h -> Dora.compute(days, to, deploys(h, teamId, from, to), failures(h, teamId, from, to),
                restores(h, teamId, from, to)));
    }

    private static List<Dora.Deploy> deploys(Handle h, String teamId, Instant from, Instant to) {
        return h.createQuery("""
                        SELECT d.service, d.deployed_at, c.committed_at FROM deployments d
                        LEFT JOIN commit_times c ON c.team_id = d.team_id AND c.sha = d.sha
                        WHERE d.team_id = :teamId AND d.production AND d.state = 'success'
                          AND d.deployed_at >= :from AND d.deployed_at <= :to""")
                .bind("teamId", teamId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Dora.Deploy(rs.getString("service"), instant(rs, "deployed_at"), instant(rs, "committed_at")))
                .list();
    }

    private static List<Dora.Failure> failures(Handle h, String teamId, Instant from, Instant to) {
        List<Dora.Failure> failures = new ArrayList<>();
        for (String sql : List.of(
                "SELECT service, deployed_at AS at FROM deployments WHERE team_id = :teamId AND production"
                        + " AND state IN ('failure', 'error') AND deployed_at >= :from AND deployed_at <= :to",
                "SELECT service, started_at AS at FROM rollbacks WHERE team_id = :teamId"
                        + " AND started_at >= :from AND started_at <= :to",
                "SELECT service, started_at AS at FROM incidents WHERE team_id = :teamId AND service IS NOT NULL"
                        + " AND started_at >= :from AND started_at <= :to")) {
            failures.addAll(h.createQuery(sql).bind("teamId", teamId).bind("from", from).bind("to", to)
                    .map((rs, ctx) -> new Dora.Failure(rs.getString("service"), instant(rs, "at"))).list());
        }
        return failures;
    }

    private static List<Dora.Restore> restores(Handle h, String teamId, Instant from, Instant to) {
        return h.createQuery("""
                        SELECT service, started_at, resolved_at FROM incidents
                        WHERE team_id = :teamId AND resolved_at IS NOT NULL AND resolved_at >= :from AND resolved_at <= :to""")
                .bind("teamId", teamId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> new Dora.Restore(rs.getString("service"), instant(rs, "started_at"), instant(rs, "resolved_at")))
                .list();
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var odt = rs.getObject(column, java.time.OffsetDateTime.class);
        return odt == null ? null : odt.toInstant();
    }
}
