package io.devloop.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Socket Mode: devloop opens a WebSocket to Slack (apps.connections.open gives the URL) and Slack sends commands,
 * clicks and events over it, so no public request URL is needed. The same Bolt app, with the same listeners, serves
 * both transports: Bolt's {@link SocketModeApp} turns each envelope into the request the HTTP servlet would have
 * built, and sends the listener's ack back with the envelope's id.
 *
 * <p>Reconnecting is the SDK's session monitor: every 5 s it pings, and when the connection is gone (Slack drops
 * sockets now and then, and on deploys) it asks apps.connections.open for a new URL and connects again. Slack's
 * own {@code disconnect} message (a planned refresh) reconnects at once. Reconnect-on-close stays off, as the SDK
 * recommends since 1.37: Slack rate-limits clients that reopen a closed socket immediately.
 */
public final class SocketMode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SocketMode.class);
    private static final Pattern SLACK_ERROR = Pattern.compile("\\(error: ([a-z_]+)\\)");

    private final SocketModeApp socketApp;

    private SocketMode(SocketModeApp socketApp) {
        this.socketApp = socketApp;
    }

    /**
     * Connects in the background once apps.connections.open accepted the app-level token; a refused token stops the
     * boot with a clear message, like a refused bot token. The token is not checked with a call of its own:
     * apps.connections.open is Tier 1, and the SDK already calls it twice while connecting.
     */
    public static SocketMode connect(App bolt, String appToken) {
        SocketModeApp socketApp;
        try {
            socketApp = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, bolt);
            socketApp.startAsync();
        } catch (Exception e) {
            throw unavailable(e);
        }
        socketApp.getClient().addWebSocketCloseListener((code, reason) -> log.warn(
                "Socket Mode connection closed (code {}, {}); reconnecting within a few seconds", code, reason));
        log.info("Socket Mode connecting to {}", socketApp.getClient().getWssUri().getHost());
        return new SocketMode(socketApp);
    }

    /**
     * The SDK says "Failed to connect to the Socket Mode endpoint URL (error: invalid_auth)" when Slack refuses the
     * token; when Slack cannot be reached it logs the cause and leaves no client (a NullPointerException here).
     */
    private static SlackSetup.SlackUnavailableException unavailable(Exception e) {
        Matcher refusal = SLACK_ERROR.matcher(String.valueOf(e.getMessage()));
        if (e instanceof IllegalStateException && refusal.find()) {
            return new SlackSetup.SlackUnavailableException("Slack refused SLACK_APP_TOKEN (apps.connections.open: "
                    + refusal.group(1) + "). Create an app-level token with the connections:write scope under Basic"
                    + " Information → App-Level Tokens, and turn Socket Mode on for the app.", true);
        }
        return new SlackSetup.SlackUnavailableException("Could not open a Socket Mode connection to Slack ("
                + (e instanceof NullPointerException ? "Slack's Web API was unreachable; see the log above" : e.toString())
                + ")", false);
    }

    /** Closes the connection for good: no reconnect, and the client's threads stop. */
    @Override
    public void close() throws Exception {
        SocketModeClient client = socketApp.getClient();
        if (client != null) {
            client.getWebSocketCloseListeners().clear(); // this close is ours: nothing to warn about
        }
        socketApp.stop();
        if (client != null) {
            client.close();
        }
    }
}
