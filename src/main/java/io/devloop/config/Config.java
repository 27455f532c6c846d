package io.devloop.config;

import java.net.InetAddress;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything devloop reads from its environment, parsed once at boot. Tests build it from a map; nothing
 * else in the code reads {@code System.getenv}.
 */
public record Config(
        int port,
        String bind,
        String signingSecret,
        String botToken,
        String appToken,
        String slackApiUrl,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String webhookToken,
        String githubWebhookSecret,
        String alertChannel,
        Map<String, Integer> alertIncidentSeverities,
        ZoneId defaultZone,
        String nodeId,
        LogFormat logFormat,
        boolean sandbox,
        io.devloop.incidents.UpdateCadence incidentUpdateEvery) {

    public static final String DEFAULT_DB_URL =
            "jdbc:h2:file:./data/devloop;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    public static final String SANDBOX_DB_URL =
            "jdbc:h2:file:./data/sandbox;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    /** The sandbox's bot token: only its own Web API stand-in ever sees it. */
    public static final String SANDBOX_BOT_TOKEN = "xoxb-sandbox";
    /** Which Alertmanager {@code severity} labels open an incident automatically, and at which SEV. */
    public static final String DEFAULT_INCIDENT_SEVERITIES = "critical=1,page=2";

    public enum LogFormat { TEXT, JSON }

    /** How devloop talks to Slack, decided from which credentials are present. */
    public enum Mode { HTTP, SOCKET, SANDBOX }

    /** Parses the environment; throws {@link ConfigException} listing every problem at once. */
    public static Config from(Map<String, String> env, List<String> args) {
        List<String> problems = new ArrayList<>();
        int port = parsePort(env.getOrDefault("PORT", "3000").trim(), problems);
        String slackApiUrl = withTrailingSlash(value(env, "SLACK_API_URL", DEFAULT_SLACK_API_URL));
        if (!isHttpUrl(slackApiUrl)) {
            problems.add("SLACK_API_URL must be an http(s) URL, got '" + slackApiUrl + "'");
        }
        String dbUrl = value(env, "DEVLOOP_DB_URL", DEFAULT_DB_URL);
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            problems.add("DEVLOOP_DB_URL must start with jdbc:h2: or jdbc:postgresql:, got '" + dbUrl + "'");
        }
        ZoneId zone = parseZone(value(env, "DEVLOOP_TZ", "UTC"), problems);
        Map<String, Integer> incidentSeverities = parseIncidentSeverities(
                value(env, "DEVLOOP_ALERT_INCIDENT_SEVERITIES", DEFAULT_INCIDENT_SEVERITIES), problems);
        LogFormat logFormat = parseLogFormat(value(env, "DEVLOOP_LOG_FORMAT", "text"), problems);
        String botToken = value(env, "SLACK_BOT_TOKEN", null);
        if (botToken != null && !botToken.startsWith("xoxb-")) {
            problems.add("SLACK_BOT_TOKEN must be a bot token starting with xoxb-");
        }
        String appToken = value(env, "SLACK_APP_TOKEN", null);
        if (appToken != null && !appToken.startsWith("xapp-")) {
            problems.add("SLACK_APP_TOKEN must be an app-level token starting with xapp-");
        }
        io.devloop.incidents.UpdateCadence cadence = io.devloop.incidents.UpdateCadence.DEFAULT;
        try {
            cadence = io.devloop.incidents.UpdateCadence.parse(value(env, "DEVLOOP_INCIDENT_UPDATE_EVERY", null));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        // no token at all (or --sandbox): the local sandbox, with its own secrets, database and loopback address
        boolean sandbox = args.contains("--sandbox") || (botToken == null && appToken == null);
        return new Config(
                port,
                value(env, "DEVLOOP_BIND", sandbox ? "127.0.0.1" : "0.0.0.0"),
                sandbox ? Secrets.random() : value(env, "SLACK_SIGNING_SECRET", null),
                sandbox ? SANDBOX_BOT_TOKEN : botToken,
                sandbox ? null : appToken,
                slackApiUrl,
                value(env, "DEVLOOP_DB_URL", sandbox ? SANDBOX_DB_URL : DEFAULT_DB_URL),
                value(env, "DEVLOOP_DB_USER", null),
                value(env, "DEVLOOP_DB_PASSWORD", null),
                value(env, "DEVLOOP_WEBHOOK_TOKEN", sandbox ? Secrets.random() : null),
                value(env, "GITHUB_WEBHOOK_SECRET", sandbox ? Secrets.random() : null),
                value(env, "DEVLOOP_ALERT_CHANNEL", null),
                incidentSeverities,
                zone,
                value(env, "DEVLOOP_NODE_ID", defaultNodeId()),
                logFormat,
                sandbox,
                cadence);
    }

    /** The same settings talking to another Web API: the sandbox points itself at its stand-in once its port is bound. */
    public Config withSlackApiUrl(String url) {
        return new Config(port, bind, signingSecret, botToken, appToken, withTrailingSlash(url), dbUrl, dbUser, dbPassword,
                webhookToken, githubWebhookSecret, alertChannel, alertIncidentSeverities, defaultZone, nodeId, logFormat, sandbox,
                incidentUpdateEvery);
    }

    /** Where alert, deploy and rollback messages go when no route matches. */
    public Config withAlertChannel(String channelId) {
        return new Config(port, bind, signingSecret, botToken, appToken, slackApiUrl, dbUrl, dbUser, dbPassword,
                webhookToken, githubWebhookSecret, channelId, alertIncidentSeverities, defaultZone, nodeId, logFormat, sandbox,
                incidentUpdateEvery);
    }

    /**
     * The transport these credentials select, or what is missing. No token at all (or --sandbox) selects the
     * sandbox; an app-level token selects Socket Mode (no signing secret needed: Slack's requests arrive over the
     * WebSocket devloop opened); a signing secret alone selects HTTP. Any other incomplete combination is reported.
     */
    public ModeDecision mode() {
        List<String> missing = new ArrayList<>();
        if (sandbox) {
            return new ModeDecision(Mode.SANDBOX, missing);
        }
        if (botToken == null) {
            missing.add("SLACK_BOT_TOKEN (the app's Bot User OAuth Token, xoxb-…)");
        }
        if (signingSecret == null && appToken == null) {
            missing.add("SLACK_SIGNING_SECRET (Basic Information → App Credentials → Signing Secret) for HTTP, or"
                    + " SLACK_APP_TOKEN (an app-level token xapp-… with connections:write) for Socket Mode");
        }
        Mode mode = !missing.isEmpty() ? null : appToken != null ? Mode.SOCKET : Mode.HTTP;
        return new ModeDecision(mode, missing);
    }

    public boolean isPostgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    public String dbKind() {
        return isPostgres() ? "PostgreSQL" : "H2";
    }

    /** Never print secrets: the summary and logs use this instead of {@link #toString()}. */
    @Override
    public String toString() {
        return "Config[port=" + port + ", bind=" + bind + ", slackApiUrl=" + slackApiUrl + ", db=" + dbKind()
                + ", tz=" + defaultZone + ", node=" + nodeId + "]";
    }

    public record ModeDecision(Mode mode, List<String> missing) {
        public boolean complete() {
            return mode != null;
        }
    }

    private static String value(Map<String, String> env, String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int parsePort(String raw, List<String> problems) {
        try {
            int port = Integer.parseInt(raw);
            if (port < 0 || port > 65535) {
                problems.add("PORT must be between 0 and 65535, got " + raw);
            }
            return port;
        } catch (NumberFormatException e) {
            problems.add("PORT must be a number, got '" + raw + "'");
            return -1;
        }
    }

    private static ZoneId parseZone(String raw, List<String> problems) {
        try {
            return ZoneId.of(raw);
        } catch (DateTimeException e) {
            problems.add("DEVLOOP_TZ must be a time zone id like Europe/Berlin, got '" + raw + "'");
            return ZoneId.of("UTC");
        }
    }

    /** "critical=1,page=2": label value (case-insensitive) → SEV 1..4; "none" turns auto-incidents off. */
    static Map<String, Integer> parseIncidentSeverities(String raw, List<String> problems) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>();
        if (raw.equalsIgnoreCase("none")) {
            return Map.of();
        }
        for (String pair : raw.split(",")) {
            String[] kv = pair.split("=", 2);
            String label = kv[0].strip().toLowerCase(java.util.Locale.ROOT);
            String sev = kv.length == 2 ? kv[1].strip().toLowerCase(java.util.Locale.ROOT).replace("sev", "") : "";
            if (label.isEmpty() || !sev.matches("[1-4]")) {
                problems.add("DEVLOOP_ALERT_INCIDENT_SEVERITIES must look like critical=1,page=2 (SEV 1-4) or none, got '"
                        + raw + "'");
                return Map.of();
            }
            map.put(label, Integer.parseInt(sev));
        }
        return Map.copyOf(map);
    }

    private static LogFormat parseLogFormat(String raw, List<String> problems) {
        try {
            return LogFormat.valueOf(raw.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("DEVLOOP_LOG_FORMAT must be text or json, got '" + raw + "'");
            return LogFormat.TEXT;
        }
    }

    private static boolean isHttpUrl(String url) {
        try {
            String scheme = URI.create(url).getScheme();
            return "http".equals(scheme) || "https".equals(scheme);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withTrailingSlash(String url) {
        // the Slack SDK concatenates prefix + method name, so ".../api" would call ".../apiauth.test"
        return url.endsWith("/") ? url : url + "/";
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
