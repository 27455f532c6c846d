package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.devloop.App;
import io.devloop.config.Config;
import io.devloop.testing.Http;
import io.devloop.testing.TestServer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** devloop started in sandbox mode in-process (as the jar starts it with no Slack settings), driven through its page's endpoints. */
final class SandboxClient implements AutoCloseable {
    private final App app;
    private final String base;

    private SandboxClient(App app) {
        this.app = app;
        this.base = "http://127.0.0.1:" + app.port();
    }

    /** No Slack variables at all, a fresh in-memory database and a random port. */
    static SandboxClient start() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "0");
        env.put("DEVLOOP_DB_URL", TestServer.freshH2Url());
        env.put("DEVLOOP_NODE_ID", "sandbox-" + UUID.randomUUID().toString().substring(0, 8));
        return new SandboxClient(App.start(Config.from(env, List.of())));
    }

    App app() {
        return app;
    }

    String url(String path) {
        return base + path;
    }

    JsonObject post(String action, JsonObject body) {
        var r = Http.postJson(url("/sandbox/" + action), body.toString());
        if (r.statusCode() != 200) {
            throw new AssertionError("/sandbox/" + action + " answered " + r.statusCode() + ": " + r.body());
        }
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    JsonObject command(String user, String conversation, String text) {
        return post("command", Json.of("user", user, "conversation", conversation, "text", text));
    }

    JsonObject state(String user, String conversation) {
        var r = Http.get(url("/sandbox/state?user=" + user + "&conversation=" + conversation));
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** Waits until what this user sees in this conversation satisfies the condition; returns that state. */
    JsonObject awaitState(String user, String conversation, Predicate<JsonObject> condition) {
        JsonObject[] last = new JsonObject[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = state(user, conversation);
            return condition.test(last[0]);
        });
        return last[0];
    }

    static String html(JsonObject state) {
        return state.get("html").getAsString();
    }

    static String modalHtml(JsonObject state) {
        return state.get("modal").isJsonNull() ? "" : state.getAsJsonObject("modal").get("html").getAsString();
    }

    static JsonArray inputs(String... blockIdThenValue) {
        JsonArray inputs = new JsonArray();
        for (int i = 0; i < blockIdThenValue.length; i += 2) {
            inputs.add(Json.of("blockId", blockIdThenValue[i], "actionId", blockIdThenValue[i], "value", blockIdThenValue[i + 1]));
        }
        return inputs;
    }

    @Override
    public void close() {
        app.close();
    }
}
