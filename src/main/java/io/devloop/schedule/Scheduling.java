package io.devloop.schedule;

import io.devloop.config.Config;
import io.devloop.db.Database;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Quartz on devloop's own connection pool with the JDBC job store: jobs survive restarts, and on PostgreSQL
 * the scheduler is clustered so N nodes fire each trigger once.
 */
public final class Scheduling {
    /** Same on every node: Quartz clusters the schedulers that share this name and a schema. */
    public static final String SCHEDULER_NAME = "devloop";

    private final Map<Class<? extends Job>, Supplier<? extends Job>> jobs = new HashMap<>();

    /** Jobs are built by devloop, not by reflection, so they can be handed their services. */
    public <T extends Job> Scheduling register(Class<T> type, Supplier<T> factory) {
        jobs.put(type, factory);
        return this;
    }

    public Scheduler create(Config config, Database db) throws SchedulerException {
        String dataSourceName = "devloopDS-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PoolProvider(db));
        Scheduler scheduler = new StdSchedulerFactory(properties(config, db, dataSourceName)).getScheduler();
        // Quartz keeps one scheduler per name per JVM; tests run several nodes in one JVM, so don't share
        SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
        scheduler.setJobFactory((bundle, s) -> {
            Supplier<? extends Job> factory = jobs.get(bundle.getJobDetail().getJobClass());
            if (factory == null) {
                throw new SchedulerException("no factory registered for " + bundle.getJobDetail().getJobClass());
            }
            return factory.get();
        });
        return scheduler;
    }

    private static Properties properties(Config config, Database db, String dataSourceName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", config.nodeId());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "devloop-quartz");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        // there is no H2 delegate; the standard one works with the PostgreSQL DDL on H2 (STACK_NOTES §6)
        p.setProperty("org.quartz.jobStore.driverDelegateClass", db.isPostgres()
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
                : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(db.isPostgres()));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /** Lends Quartz connections from devloop's Hikari pool; the pool's lifecycle stays with {@link Database}. */
    private record PoolProvider(Database db) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return db.dataSource().getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
