package io.devloop;

import com.slack.api.Slack;
import io.devloop.alerts.AlertHandlers;
import io.devloop.alerts.AlertIncidents;
import io.devloop.alerts.AlertService;
import io.devloop.alerts.AlertmanagerServlet;
import io.devloop.alerts.GithubService;
import io.devloop.alerts.GithubServlet;
import io.devloop.config.Config;
import io.devloop.dora.DoraHandlers;
import io.devloop.dora.DoraService;
import io.devloop.config.ConfigException;
import io.devloop.config.LogSetup;
import io.devloop.config.Version;
import io.devloop.db.Database;
import io.devloop.home.HomeHandlers;
import io.devloop.incidents.IncidentAlerts;
import io.devloop.incidents.IncidentHandlers;
import io.devloop.incidents.IncidentReminderJob;
import io.devloop.incidents.IncidentService;
import io.devloop.incidents.QuartzIncidentReminders;
import io.devloop.incidents.RollbackHandlers;
import io.devloop.incidents.RollbackService;
import io.devloop.home.HomePublisher;
import io.devloop.home.HomeRefresh;
import io.devloop.home.HomeService;
import io.devloop.loop.FeedbackHandlers;
import io.devloop.loop.LoopHandlers;
import io.devloop.loop.LoopService;
import io.devloop.loop.PhaseService;
import io.devloop.loop.ExportHandlers;
import io.devloop.loop.ExportService;
import io.devloop.loop.LoopCards;
import io.devloop.loop.LoopPartHandlers;
import io.devloop.sandbox.Sandbox;
import io.devloop.schedule.HousekeepingJob;
import io.devloop.schedule.Scheduling;
import io.devloop.server.HttpServer;
import io.devloop.slack.CommandRouter;
import io.devloop.tasks.TaskHandlers;
import io.devloop.tasks.TaskService;
import io.devloop.tasks.UserZones;
import io.devloop.slack.Outbox;
import io.devloop.slack.OutboxSender;
import io.devloop.slack.SlackSetup;
import io.devloop.slack.SocketMode;
import io.devloop.slack.SlackSetup.BotIdentity;
import io.devloop.slack.SlackSetup.SlackUnavailableException;
import io.devloop.tasks.DigestHandlers;
import io.devloop.tasks.DigestJob;
import io.devloop.tasks.DigestSchedule;
import io.devloop.tasks.ExperimentHandlers;
import io.devloop.tasks.ExperimentService;
import io.devloop.tasks.QuartzTaskReminders;
import io.devloop.tasks.ReminderHandlers;
import io.devloop.tasks.TaskReminderJob;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * devloop's entry point: Config → Slack token check → Database (migrations) → Scheduler → Bolt app → Jetty,
 * and the reverse on a graceful stop. Tests start it in-process through {@link #start(Config)}.
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Config config;
    private final Config.Mode mode;
    private final BotIdentity bot;
    private final Database db;
    private final Scheduler scheduler;
    private final OutboxSender sender;
    private final com.slack.api.bolt.App bolt;
    private final SocketMode socket;
    private final HttpServer http;
    private final PrometheusMeterRegistry registry;
    private final TaskService tasks;
    private final Sandbox sandbox;
    private final HomePublisher homes;

    private App(Config config, Config.Mode mode, BotIdentity bot, Database db, Scheduler scheduler, OutboxSender sender,
                com.slack.api.bolt.App bolt, SocketMode socket, HttpServer http, PrometheusMeterRegistry registry,
                TaskService tasks, HomePublisher homes, Sandbox sandbox) {
        this.homes = homes;
        this.config = config;
        this.mode = mode;
        this.socket = socket;
        this.bot = bot;
        this.db = db;
        this.scheduler = scheduler;
        this.sender = sender;
        this.bolt = bolt;
        this.http = http;
        this.registry = registry;
        this.tasks = tasks;
        this.sandbox = sandbox;
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.from(System.getenv(), Arrays.asList(args));
        } catch (ConfigException e) {
            exit(2, "devloop cannot start; fix these settings:\n  - " + String.join("\n  - ", e.problems()));
            return;
        }
        LogSetup.apply(config.logFormat());
        Config.ModeDecision mode = config.mode();
        if (!mode.complete()) {
            exit(2, StartupHelp.missing(mode.missing()));
            return;
        }
        try {
            App app = start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close, "devloop-shutdown"));
            System.out.println(app.summary());
            if (app.sandbox != null) {
                System.out.println(app.sandbox.openLine(app.port()));
            }
        } catch (SlackUnavailableException e) {
            exit(e.refused() ? 2 : 1, "devloop cannot start: " + e.getMessage());
        } catch (StartupException e) {
            exit(1, "devloop cannot start: " + e.getMessage());
        }
    }

    /**
     * Starts every part in order; on failure, stops what had started and throws with a readable message. In
     * sandbox mode the HTTP server comes first: its Slack stand-in must answer devloop's boot-time calls.
     */
    public static App start(Config given) {
        return start(given, null);
    }

    /** @param alertIncidentsOverride what alert intake asks of the incidents domain; tests pass a fake, null = the real one */
    public static App start(Config given, AlertIncidents alertIncidentsOverride) {
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        HttpServer.Builder web = HttpServer.builder(given.bind(), given.port());
        Sandbox sandbox = given.sandbox() ? serveSandbox(given, web, registry) : null;
        Config config = sandbox == null ? given : sandbox.config();
        List<AutoCloseable> started = new ArrayList<>();
        started.add(web::stopEarly);
        try {
            Slack slack = SlackSetup.client(config);
            BotIdentity bot = SlackSetup.checkToken(slack, config);
            Database db = open(config);
            started.add(db);
            Outbox outbox = new Outbox(clock);
            UserZones zones = new UserZones(slack, team -> config.botToken(), config.defaultZone(), clock);

            Scheduler scheduler = new Scheduling()
                    .register(HousekeepingJob.class, () -> new HousekeepingJob(db.jdbi()))
                    .register(DigestJob.class, () -> new DigestJob(db.jdbi(), outbox, clock))
                    .register(TaskReminderJob.class, () -> new TaskReminderJob(db.jdbi(), outbox, zones, registry, clock))
                    .register(IncidentReminderJob.class,
                            () -> new IncidentReminderJob(db.jdbi(), outbox, config.incidentUpdateEvery(), registry, clock))
                    .create(config, db);
            started.add(0, () -> scheduler.shutdown(true));
            scheduler.start();
            HousekeepingJob.schedule(scheduler);
            QuartzTaskReminders reminders = new QuartzTaskReminders(scheduler, clock);
            HomePublisher homes = new HomePublisher(new HomeService(db.jdbi(), zones, clock), slack, team -> config.botToken());
            started.add(0, homes);
            TaskService tasks = new TaskService(db.jdbi(), outbox, reminders, clock, homes);

            OutboxSender sender = new OutboxSender(db.jdbi(), slack, team -> config.botToken(), config.nodeId(),
                    clock, outbox, registry);
            sender.start();
            started.add(0, sender);

            com.slack.api.bolt.App bolt = SlackSetup.boltApp(config, slack, registry);
            CommandRouter router = new CommandRouter();
            LoopCards cards = new LoopCards(outbox, clock);
            LoopService loops = new LoopService(db.jdbi(), outbox, clock, cards);
            new LoopHandlers(loops, new PhaseService(db.jdbi(), cards), clock).register(bolt, router);
            ExperimentService experiments = new ExperimentService(db.jdbi(), clock);
            new ExperimentHandlers(experiments, zones).register(bolt);
            new ReminderHandlers(tasks, reminders, zones, clock).register(bolt);
            new FeedbackHandlers(db.jdbi(), cards, clock).register(bolt, router);
            new ExportHandlers(db.jdbi(), new ExportService(db.jdbi(), config.defaultZone()), clock).register(bolt, router);
            LoopPartHandlers.pipeline(db.jdbi(), cards, clock).register(bolt, router);
            LoopPartHandlers.metrics(db.jdbi(), cards, clock).register(bolt, router);
            DigestHandlers digests = new DigestHandlers(db.jdbi(), new DigestSchedule(scheduler), zones, clock);
            TaskHandlers taskHandlers = new TaskHandlers(db.jdbi(), tasks, experiments, zones, clock, digests::digestCommand);
            taskHandlers.register(bolt, router);
            new HomeHandlers(homes, loops, (team, channel, user) -> taskHandlers.addForm(bolt, team, channel, user)).register(bolt);
            QuartzIncidentReminders incidentReminders = new QuartzIncidentReminders(scheduler, config.incidentUpdateEvery(), clock);
            IncidentService incidents = new IncidentService(db.jdbi(), outbox, incidentReminders, tasks, config.alertChannel(), clock,
                    homes);
            new IncidentHandlers(incidents, incidentReminders, zones, clock).register(bolt, router);
            new RollbackHandlers(new RollbackService(db.jdbi(), outbox, incidents, clock)).register(bolt, router);
            AlertIncidents alertIncidents = alertIncidentsOverride != null ? alertIncidentsOverride
                    : new IncidentAlerts(incidents, incidentReminders, config.alertChannel(), clock);
            AlertService alerts = new AlertService(db.jdbi(), outbox, alertIncidents, config.alertIncidentSeverities(),
                    config.alertChannel(), registry, clock);
            new AlertHandlers(alerts).register(bolt, router);
            GithubService github = new GithubService(db.jdbi(), outbox, config.alertChannel(), registry, clock);
            new DoraHandlers(new DoraService(db.jdbi(), clock)).register(router);
            router.register(bolt);
            bolt.start();
            started.add(0, bolt::stop);

            Config.Mode mode = config.mode().mode();
            web.probes(() -> readinessProblem(db, scheduler), registry)
                    .servlet("/webhooks/alertmanager", new AlertmanagerServlet(config.webhookToken(), bot.teamId(), alerts))
                    .servlet("/webhooks/github", new GithubServlet(config.githubWebhookSecret(), bot.teamId(), github));
            SocketMode socket = null;
            if (mode == Config.Mode.SOCKET) {
                // Slack's requests come over the socket; /slack/events is not served (there is no secret to check)
                socket = SocketMode.connect(bolt, config.appToken());
                started.add(0, socket);
            } else {
                web.slack(bolt);
            }
            HttpServer http = web.start();
            return new App(config, mode, bot, db, scheduler, sender, bolt, socket, http, registry, tasks, homes, sandbox);
        } catch (StartupException | SlackUnavailableException e) {
            closeAll(started);
            throw e;
        } catch (Exception e) {
            closeAll(started);
            throw new StartupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    private static Sandbox serveSandbox(Config config, HttpServer.Builder web, PrometheusMeterRegistry registry) {
        try {
            return Sandbox.serve(config, web, registry);
        } catch (Exception e) {
            try {
                web.stopEarly();
            } catch (Exception ignored) {
                // nothing more to stop
            }
            throw new StartupException("cannot serve the sandbox on " + config.bind() + ":" + config.port() + ": "
                    + rootMessage(e), e);
        }
    }

    private static Database open(Config config) {
        try {
            return Database.open(config);
        } catch (RuntimeException e) {
            throw new StartupException("cannot open the database " + config.dbKind() + " (" + safeUrl(config.dbUrl())
                    + "): " + rootMessage(e), e);
        }
    }

    static String readinessProblem(Database db, Scheduler scheduler) {
        String dbProblem = db.problem();
        if (dbProblem != null) {
            return dbProblem;
        }
        try {
            if (!scheduler.isStarted() || scheduler.isShutdown() || scheduler.isInStandbyMode()) {
                return "scheduler is not running";
            }
        } catch (SchedulerException e) {
            return "scheduler: " + e.getMessage();
        }
        return null;
    }

    public String summary() {
        return "devloop " + Version.current() + " started: mode=" + mode.name().toLowerCase(java.util.Locale.ROOT) + " port=" + port() + " bind=" + config.bind()
                + " db=" + config.dbKind() + " slack_api=" + config.slackApiUrl() + " team=" + bot.teamId()
                + " node=" + config.nodeId();
    }

    public int port() {
        return http.port();
    }

    public Config config() {
        return config;
    }

    /** The sandbox's workspace and page, in sandbox mode; null otherwise. */
    public Sandbox sandbox() {
        return sandbox;
    }

    public Database database() {
        return db;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public BotIdentity bot() {
        return bot;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public TaskService tasks() {
        return tasks;
    }

    /** For domains that change what home tabs show (incidents): {@code homeRefresh().changed(team, users)}. */
    public HomeRefresh homeRefresh() {
        return homes;
    }

    /** Graceful: finish in-flight requests, stop sending (claims handed back), stop the scheduler, close the pool. */
    @Override
    public void close() {
        log.info("devloop stopping");
        List<AutoCloseable> parts = new ArrayList<>();
        if (socket != null) {
            parts.add(socket); // stop taking Slack's requests first, like the HTTP server
        }
        parts.add(http::stop);
        parts.add(bolt::stop);
        parts.add(sender);
        parts.add(homes);
        parts.add(() -> scheduler.shutdown(true));
        parts.add(db);
        closeAll(parts);
        log.info("devloop stopped");
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("error while stopping: {}", e.toString());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String safeUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static void exit(int code, String message) {
        System.err.println(message);
        System.exit(code);
    }

    /** A part of devloop could not start; the message says which and why. */
    public static final class StartupException extends RuntimeException {
        StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
