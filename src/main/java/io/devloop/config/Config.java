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
        boolean sandboxRequested) {

    public static final String DEFAULT_DB_URL =
            "jdbc:h2:file:./data/devloop;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    public static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
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
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(
                port,
                value(env, "DEVLOOP_BIND", "0.0.0.0"),
                value(env, "SLACK_SIGNING_SECRET", null),
                botToken,
                appToken,
                slackApiUrl,
                dbUrl,
                value(env, "DEVLOOP_DB_USER", null),
                value(env, "DEVLOOP_DB_PASSWORD", null),
                value(env, "DEVLOOP_WEBHOOK_TOKEN", null),
                value(env, "GITHUB_WEBHOOK_SECRET", null),
                value(env, "DEVLOOP_ALERT_CHANNEL", null),
                incidentSeverities,
                zone,
                value(env, "DEVLOOP_NODE_ID", defaultNodeId()),
                logFormat,
                args.contains("--sandbox"));
    }

    /**
     * The transport these credentials select, or what is missing. Sandbox mode is not built yet (issue 9),
     * and Socket Mode is not either: both report what to set instead.
     */
    public ModeDecision mode() {
        List<String> missing = new ArrayList<>();
        if (sandboxRequested) {
            missing.add("--sandbox is not available in this version; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");
            return new ModeDecision(null, missing);
        }
        if (botToken == null) {
            missing.add("SLACK_BOT_TOKEN (the app's Bot User OAuth Token, xoxb-…)");
        }
        if (signingSecret == null) {
            missing.add(appToken != null
                    ? "SLACK_SIGNING_SECRET (Socket Mode via SLACK_APP_TOKEN is not available in this version yet)"
                    : "SLACK_SIGNING_SECRET (Basic Information → App Credentials → Signing Secret)");
        }
        return new ModeDecision(missing.isEmpty() ? Mode.HTTP : null, missing);
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
