package io.devloop.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.devloop.config.Config;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The connection pool, the schema (Flyway) and the Jdbi instance every DAO is attached to. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.jdbi = configure(Jdbi.create(dataSource));
    }

    /** Opens the pool and migrates the schema; fails fast with the driver's message if the DB is unreachable. */
    public static Database open(Config config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(withoutH2ExitHook(config.dbUrl()));
        if (config.dbUser() != null) {
            hc.setUsername(config.dbUser());
        }
        if (config.dbPassword() != null) {
            hc.setPassword(config.dbPassword());
        }
        hc.setPoolName("devloop-db");
        hc.setMaximumPoolSize(10);
        // a readiness probe must answer in seconds when the DB is gone, not after Hikari's 30 s default
        hc.setConnectionTimeout(3_000);
        hc.setValidationTimeout(2_000);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            return new Database(ds, config.isPostgres());
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** H2 closes the database in its own JVM shutdown hook, racing devloop's graceful stop: leave closing to us. */
    static String withoutH2ExitHook(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            return url + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return url;
    }

    /** Instants are bound and read as UTC {@link OffsetDateTime}s: the default binding is an hour off on H2 around DST. */
    static Jdbi configure(Jdbi jdbi) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value.atOffset(ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime odt = rs.getObject(column, OffsetDateTime.class);
            return odt == null ? null : odt.toInstant();
        });
        return jdbi;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Null when the database answers, else why not (for /ready). */
    public String problem() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2) ? null : "database connection is not valid";
        } catch (SQLException e) {
            return "database unreachable: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
