package io.devloop.sandbox;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox page ({@code GET /sandbox}), its assets, uploaded files, the state it polls, and the actions it
 * posts. Actions are JSON only: a browser cannot send a cross-site JSON POST without a preflight this servlet
 * never grants, so another web page cannot act as a sample user.
 */
final class PageServlet extends HttpServlet {
    private static final Map<String, String> ASSETS = Map.of("sandbox.js", "text/javascript;charset=utf-8",
            "sandbox.css", "text/css;charset=utf-8");
    private static final Duration LONG_POLL = Duration.ofSeconds(20);

    private final Workspace workspace;
    private final PageState state;
    private final SandboxActions actions;
    private final SampleWebhooks webhooks;

    PageServlet(Workspace workspace, PageState state, SandboxActions actions, SampleWebhooks webhooks) {
        this.workspace = workspace;
        this.state = state;
        this.actions = actions;
        this.webhooks = webhooks;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (path.equals("/") || path.equals("/index.html")) {
            resource(resp, "index.html", "text/html;charset=utf-8");
        } else if (path.startsWith("/assets/") && ASSETS.containsKey(path.substring(8))) {
            resource(resp, "assets/" + path.substring(8), ASSETS.get(path.substring(8)));
        } else if (path.startsWith("/files/")) {
            file(resp, path.substring(7));
        } else if (path.equals("/state")) {
            state(req, resp);
        } else {
            resp.sendError(404);
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String type = req.getContentType() == null ? "" : req.getContentType();
        if (!type.startsWith("application/json")) {
            json(resp, 415, Json.of("error", "send JSON"));
            return;
        }
        JsonObject body = Json.parseObject(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (body == null) {
            json(resp, 400, Json.of("error", "expected a JSON object"));
            return;
        }
        if (path.equals("/webhook")) {
            webhook(body, resp);
            return;
        }
        Optional<Workspace.User> user = Workspace.user(Json.str(body, "user"));
        if (user.isEmpty()) {
            json(resp, 400, Json.of("error", "unknown sample user"));
            return;
        }
        String u = user.get().id();
        SandboxActions.Outcome outcome = switch (path) {
            case "/command" -> actions.command(u, conversation(u, Json.str(body, "conversation")), textAfterCommand(Json.str(body, "text")));
            case "/action" -> Json.str(body, "viewId") != null
                    ? actions.viewAction(u, Json.str(body, "viewId"), Json.str(body, "blockId"), Json.str(body, "actionId"),
                    body.get("value"), inputs(body))
                    : actions.messageAction(u, conversation(u, Json.str(body, "conversation")), Json.str(body, "ts"),
                    Json.str(body, "blockId"), Json.str(body, "actionId"), body.get("value"));
            case "/submit" -> actions.submit(u, Json.str(body, "viewId"), inputs(body));
            case "/close" -> actions.close(u, Json.str(body, "viewId"));
            case "/home" -> actions.openHome(u);
            default -> null;
        };
        if (outcome == null) {
            json(resp, 404, Json.of("error", "no such action"));
        } else {
            json(resp, 200, Json.of("status", outcome.status(), "result", outcome.result()));
        }
    }

    private void state(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Workspace.User> user = Workspace.user(req.getParameter("user"));
        if (user.isEmpty()) {
            json(resp, 400, Json.of("error", "unknown sample user"));
            return;
        }
        long since = parseLong(req.getParameter("since"));
        long version;
        try {
            version = workspace.awaitChange(since, since < 0 ? Duration.ZERO : LONG_POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            version = workspace.version();
        }
        String conversation = Optional.ofNullable(req.getParameter("conversation")).orElse(Workspace.GENERAL.id());
        json(resp, 200, state.render(user.get(), PageState.HOME.equals(conversation) ? conversation
                : conversation(user.get().id(), conversation), version));
    }

    private void webhook(JsonObject body, HttpServletResponse resp) throws IOException {
        SampleWebhooks.Kind kind;
        try {
            kind = SampleWebhooks.Kind.valueOf(String.valueOf(Json.str(body, "kind")).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            json(resp, 400, Json.of("error", "kind must be alert_firing, alert_resolved or deployment"));
            return;
        }
        SampleWebhooks.Sent sent = webhooks.send(kind);
        workspace.logCall("POST " + sent.endpoint() + " → HTTP " + sent.status());
        json(resp, 200, Json.of("endpoint", sent.endpoint(), "status", sent.status(), "body",
                sent.body() == null ? "" : sent.body().substring(0, Math.min(500, sent.body().length()))));
    }

    /** A channel of the workspace, or the user's own DM with devloop ("dm" or any D… id). */
    private static String conversation(String user, String requested) {
        if (requested == null || Workspace.isDm(requested) || "dm".equals(requested)) {
            return requested == null ? Workspace.GENERAL.id() : Workspace.dmChannel(user);
        }
        return Workspace.channel(requested).map(Workspace.Channel::id).orElse(Workspace.GENERAL.id());
    }

    /** The page's composer takes "/devloop plan X" or just "plan X". */
    private static String textAfterCommand(String typed) {
        String t = typed == null ? "" : typed.strip();
        return t.startsWith("/devloop") ? t.substring("/devloop".length()).strip() : t;
    }

    /** block id → action id → raw value, from the page's {"inputs": [{blockId, actionId, value}]}. */
    private static Map<String, Map<String, JsonElement>> inputs(JsonObject body) {
        Map<String, Map<String, JsonElement>> inputs = new LinkedHashMap<>();
        Json.arr(body, "inputs").forEach(e -> {
            JsonObject input = e.getAsJsonObject();
            inputs.computeIfAbsent(Json.str(input, "blockId"), k -> new LinkedHashMap<>())
                    .put(Json.str(input, "actionId"), input.get("value"));
        });
        return inputs;
    }

    private void file(HttpServletResponse resp, String id) throws IOException {
        Optional<Workspace.StoredFile> file = workspace.file(id);
        if (file.isEmpty()) {
            resp.sendError(404);
            return;
        }
        String name = file.get().name().toLowerCase(Locale.ROOT);
        resp.setContentType(name.endsWith(".png") ? "image/png" : name.endsWith(".md") || name.endsWith(".txt")
                ? "text/plain;charset=utf-8" : "application/octet-stream");
        resp.setHeader("Content-Disposition", "inline; filename=\"" + file.get().name().replaceAll("[^\\w.-]", "_") + "\"");
        resp.getOutputStream().write(file.get().bytes());
    }

    private static void resource(HttpServletResponse resp, String name, String contentType) throws IOException {
        try (InputStream in = PageServlet.class.getResourceAsStream("/sandbox/" + name)) {
            if (in == null) {
                resp.sendError(404);
                return;
            }
            resp.setContentType(contentType);
            resp.setHeader("Cache-Control", "no-cache");
            resp.getOutputStream().write(in.readAllBytes());
        }
    }

    private static void json(HttpServletResponse resp, int status, JsonObject body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(body.toString());
    }

    private static long parseLong(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
