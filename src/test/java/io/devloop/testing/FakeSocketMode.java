package io.devloop.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

/**
 * Slack's side of Socket Mode for tests: {@link FakeSlack} answers apps.connections.open with this server's
 * ws:// URL; on each connection it says {@code hello}, then the test sends envelopes and reads the acks the app
 * sends back. {@link #drop()} closes the connections the way a Slack restart would.
 */
public final class FakeSocketMode implements AutoCloseable {
    private final Server server;
    private final AtomicInteger tickets = new AtomicInteger();

    public FakeSocketMode(FakeSlack slack) {
        server = new Server();
        server.setReuseAddr(true);
        server.start();
        server.awaitStart();
        // each apps.connections.open hands out a new URL, as Slack does
        slack.stub("apps.connections.open", okJson("{\"ok\":true,\"url\":\"ws://127.0.0.1:" + server.getPort()
                + "/link/?ticket={{randomValue length=8 type='ALPHANUMERIC'}}\"}").withTransformers("response-template"));
    }

    /** Connections the app opened so far, including closed ones. */
    public int connections() {
        return server.opened.get();
    }

    public boolean connected() {
        return server.getConnections().stream().anyMatch(WebSocket::isOpen);
    }

    /** Sends an envelope on the open connection. */
    public void send(String type, String envelopeId, JsonObject payload, Map<String, Object> extra) {
        JsonObject envelope = new JsonObject();
        envelope.addProperty("envelope_id", envelopeId);
        envelope.addProperty("type", type);
        envelope.add("payload", payload);
        envelope.addProperty("accepts_response_payload", "slash_commands".equals(type));
        extra.forEach((k, v) -> envelope.add(k, new com.google.gson.Gson().toJsonTree(v)));
        WebSocket open = server.getConnections().stream().filter(WebSocket::isOpen).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the app is not connected"));
        open.send(envelope.toString());
    }

    /** A /devloop command as Slack sends it over the socket: the command's form fields as a JSON object. */
    public static JsonObject command(String text) {
        JsonObject p = new JsonObject();
        p.addProperty("token", "legacy-verification-token");
        p.addProperty("team_id", FakeSlack.TEAM);
        p.addProperty("team_domain", "acme");
        p.addProperty("channel_id", SlackRequests.CHANNEL);
        p.addProperty("channel_name", "general");
        p.addProperty("user_id", SlackRequests.USER);
        p.addProperty("user_name", "alice");
        p.addProperty("command", "/devloop");
        p.addProperty("text", text);
        p.addProperty("api_app_id", "A0DEVLOOP");
        p.addProperty("is_enterprise_install", "false");
        p.addProperty("response_url", "https://hooks.slack.com/commands/" + FakeSlack.TEAM + "/1/abc");
        p.addProperty("trigger_id", "1." + System.nanoTime() + ".0a1b");
        return p;
    }

    /** Every message the app sent, oldest first. */
    public List<JsonObject> received() {
        return List.copyOf(server.received);
    }

    /** The app's ack of an envelope, if it came. */
    public java.util.Optional<JsonObject> ack(String envelopeId) {
        return server.received.stream().filter(m -> m.has("envelope_id") && envelopeId.equals(m.get("envelope_id").getAsString()))
                .findFirst();
    }

    /** Closes every connection from Slack's side ("going away"), as when Slack restarts a socket server. */
    public void drop() {
        server.getConnections().forEach(c -> c.close(1001, "going away"));
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(1000);
    }

    private static final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);
        private final AtomicInteger opened = new AtomicInteger();
        private final List<JsonObject> received = new CopyOnWriteArrayList<>();

        Server() {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        void awaitStart() {
            try {
                if (!started.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the fake Socket Mode server did not start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            opened.incrementAndGet();
            conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake-socket-mode\","
                    + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0DEVLOOP\"}}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(JsonParser.parseString(message).getAsJsonObject());
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }
    }
}
