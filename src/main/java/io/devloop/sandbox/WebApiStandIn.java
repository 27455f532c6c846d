package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.devloop.sandbox.Workspace.ViewPlacement;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Slack Web API methods devloop calls, answered the way Slack answers them (including the errors devloop
 * must cope with: a wrong token, an unknown channel, an expired trigger id, a full view stack, blocks over
 * Block Kit's limits), and recorded into the {@link Workspace}. Mounted at {@code /sandbox/api/*}: devloop's
 * SLACK_API_URL points here.
 */
final class WebApiStandIn extends HttpServlet {
    private final Workspace workspace;
    private final String botToken;
    private final String hooksBase;

    /** @param hooksBase where upload URLs point, e.g. {@code http://127.0.0.1:3000/sandbox/hooks} */
    WebApiStandIn(Workspace workspace, String botToken, String hooksBase) {
        this.workspace = workspace;
        this.botToken = botToken;
        this.hooksBase = hooksBase;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
        Map<String, String> params = params(req);
        JsonObject answer;
        if (!("Bearer " + botToken).equals(req.getHeader("Authorization")) && !botToken.equals(params.get("token"))) {
            answer = error(req.getHeader("Authorization") == null ? "not_authed" : "invalid_auth");
        } else {
            answer = call(method, params);
        }
        workspace.logCall(method + " " + summary(params) + " → " + (answer.get("ok").getAsBoolean()
                ? "ok" : Json.str(answer, "error")));
        resp.setStatus(200);
        resp.setContentType("application/json;charset=utf-8");
        resp.getWriter().write(answer.toString());
    }

    JsonObject call(String method, Map<String, String> p) {
        return switch (method) {
            case "auth.test" -> ok("url", "https://" + Workspace.TEAM_DOMAIN + ".slack.com/", "team", "devloop sandbox",
                    "user", "devloop", "team_id", Workspace.TEAM, "user_id", Workspace.BOT_USER, "bot_id", Workspace.BOT_ID);
            case "chat.postMessage" -> postMessage(p);
            case "chat.update" -> update(p);
            case "chat.postEphemeral" -> postEphemeral(p);
            case "chat.delete" -> workspace.resolveChannel(p.get("channel")).filter(c -> workspace.delete(c, p.get("ts")))
                    .map(c -> ok("channel", c, "ts", p.get("ts"))).orElse(error("message_not_found"));
            case "conversations.open" -> conversationsOpen(p);
            case "views.open" -> openView(p, ViewPlacement.OPEN);
            case "views.push" -> openView(p, ViewPlacement.PUSH);
            case "views.update" -> updateView(p);
            case "views.publish" -> publish(p);
            case "users.info" -> usersInfo(p);
            case "files.getUploadURLExternal" -> uploadUrl(p);
            case "files.completeUploadExternal" -> completeUpload(p);
            default -> error("unknown_method");
        };
    }

    /** Where a message goes and its blocks, or the error Slack answers instead. */
    private record Post(String channel, JsonArray blocks, JsonObject error) {
    }

    private Post post(Map<String, String> p) {
        Optional<String> channel = workspace.resolveChannel(p.get("channel"));
        if (channel.isEmpty()) {
            return new Post(null, null, error("channel_not_found"));
        }
        JsonArray blocks = Json.parseArray(p.get("blocks"));
        List<String> problems = BlockKitLimits.problems(blocks, BlockKitLimits.MESSAGE);
        return problems.isEmpty() ? new Post(channel.get(), blocks, null) : new Post(null, null, invalidBlocks(problems));
    }

    private JsonObject postMessage(Map<String, String> p) {
        Post post = post(p);
        if (post.error() != null) {
            return post.error();
        }
        String threadTs = blank(p.get("thread_ts"));
        if (threadTs != null && workspace.find(post.channel(), threadTs).isEmpty()) {
            return error("thread_not_found");
        }
        var m = workspace.post(post.channel(), threadTs, Workspace.BOT_USER, p.getOrDefault("text", ""), post.blocks());
        return ok("channel", m.channel, "ts", m.ts, "message", Json.of("type", "message", "text", m.text(), "ts", m.ts,
                "user", Workspace.BOT_USER, "bot_id", Workspace.BOT_ID, "blocks", m.blocks()));
    }

    private JsonObject update(Map<String, String> p) {
        Post post = post(p);
        if (post.error() != null) {
            return post.error();
        }
        if (!workspace.update(post.channel(), p.get("ts"), p.getOrDefault("text", ""), post.blocks())) {
            return error("message_not_found");
        }
        return ok("channel", post.channel(), "ts", p.get("ts"), "text", p.getOrDefault("text", ""));
    }

    private JsonObject postEphemeral(Map<String, String> p) {
        Post post = post(p);
        if (post.error() != null) {
            return post.error();
        }
        if (Workspace.user(p.get("user")).isEmpty()) {
            return error("user_not_found");
        }
        var m = workspace.postEphemeral(post.channel(), p.get("user"), p.getOrDefault("text", ""), post.blocks());
        return ok("message_ts", m.ts);
    }

    private JsonObject conversationsOpen(Map<String, String> p) {
        String users = p.getOrDefault("users", "");
        if (users.contains(",") || Workspace.user(users).isEmpty()) {
            return error("user_not_found"); // devloop only opens one-to-one DMs
        }
        return ok("channel", Json.of("id", Workspace.dmChannel(users)));
    }

    /** The view argument, or the error Slack answers for it. */
    private static Optional<JsonObject> viewError(JsonObject view) {
        if (view == null) {
            return Optional.of(error("invalid_arguments"));
        }
        List<String> problems = BlockKitLimits.viewProblems(view);
        return problems.isEmpty() ? Optional.empty() : Optional.of(invalidBlocks(problems));
    }

    private JsonObject openView(Map<String, String> p, ViewPlacement placement) {
        JsonObject view = Json.parseObject(p.get("view"));
        Optional<JsonObject> invalid = viewError(view);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Optional<String> user = workspace.useTrigger(p.get("trigger_id"));
        if (user.isEmpty()) {
            return error("expired_trigger_id");
        }
        return workspace.openView(user.get(), view, placement).map(v -> ok("view", v.view()))
                .orElse(error("push_limit_reached"));
    }

    private JsonObject updateView(Map<String, String> p) {
        JsonObject view = Json.parseObject(p.get("view"));
        Optional<JsonObject> invalid = viewError(view);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        String viewId = p.get("view_id");
        return workspace.updateView(viewId == null ? "" : viewId, view).map(v -> ok("view", v.view()))
                .orElse(error("not_found"));
    }

    private JsonObject publish(Map<String, String> p) {
        JsonObject view = Json.parseObject(p.get("view"));
        Optional<JsonObject> invalid = viewError(view == null || !"home".equals(Json.str(view, "type")) ? null : view);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (Workspace.user(p.get("user_id")).isEmpty()) {
            return error("user_not_found");
        }
        workspace.publishHome(p.get("user_id"), view);
        return ok("view", view);
    }

    private JsonObject usersInfo(Map<String, String> p) {
        return Workspace.user(p.get("user")).map(u -> {
            ZoneId zone = ZoneId.of(u.tz());
            int offset = zone.getRules().getOffset(java.time.Instant.now()).getTotalSeconds();
            return ok("user", Json.of("id", u.id(), "team_id", Workspace.TEAM, "name", u.name(), "real_name", u.realName(),
                    "tz", u.tz(), "tz_label", zone.getId(), "tz_offset", offset, "is_bot", false,
                    "profile", Json.of("real_name", u.realName(), "display_name", u.name())));
        }).orElse(error("user_not_found"));
    }

    private JsonObject uploadUrl(Map<String, String> p) {
        String name = blank(p.get("filename"));
        if (name == null || blank(p.get("length")) == null) {
            return error("invalid_arguments");
        }
        var file = workspace.addFile(name, name, new byte[0]);
        return ok("upload_url", hooksBase + "/upload/" + file.id(), "file_id", file.id());
    }

    private JsonObject completeUpload(Map<String, String> p) {
        JsonArray files = Json.parseArray(p.get("files"));
        if (files == null || files.isEmpty()) {
            return error("invalid_arguments");
        }
        List<Workspace.StoredFile> shared = new ArrayList<>();
        JsonArray answered = new JsonArray();
        for (JsonElement e : files) {
            JsonObject f = e.getAsJsonObject();
            Optional<Workspace.StoredFile> stored = workspace.file(Json.str(f, "id"));
            if (stored.isEmpty()) {
                return error("file_not_found");
            }
            String title = Json.str(f, "title");
            shared.add(new Workspace.StoredFile(stored.get().id(), stored.get().name(),
                    title == null ? stored.get().name() : title, stored.get().bytes()));
            answered.add(Json.of("id", stored.get().id(), "title", title == null ? stored.get().name() : title,
                    "name", stored.get().name()));
        }
        String channelId = blank(p.get("channel_id"));
        if (channelId != null) {
            Optional<String> channel = workspace.resolveChannel(channelId);
            if (channel.isEmpty()) {
                return error("channel_not_found");
            }
            workspace.shareFiles(channel.get(), blank(p.get("thread_ts")), p.get("initial_comment"), shared);
        }
        return ok("files", answered);
    }

    /** Form fields, or the top-level fields of a JSON body (arrays and objects as JSON strings, like the form). */
    static Map<String, String> params(HttpServletRequest req) throws IOException {
        String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = new LinkedHashMap<>();
        String type = req.getContentType() == null ? "" : req.getContentType();
        if (type.startsWith("application/json")) {
            JsonObject o = Json.parseObject(body);
            if (o != null) {
                o.entrySet().forEach(e -> params.put(e.getKey(), e.getValue().isJsonPrimitive()
                        ? e.getValue().getAsString() : e.getValue().toString()));
            }
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /** A short line for the page's call log: the arguments that say where, not the payload. */
    private static String summary(Map<String, String> p) {
        StringBuilder sb = new StringBuilder();
        for (String key : List.of("channel", "channel_id", "user", "user_id", "ts", "thread_ts", "view_id", "filename")) {
            if (p.get(key) != null && !p.get(key).isEmpty()) {
                sb.append(key).append('=').append(p.get(key)).append(' ');
            }
        }
        return sb.toString().trim();
    }

    private static JsonObject ok(Object... keyThenValue) {
        JsonObject o = Json.of(keyThenValue);
        o.addProperty("ok", true);
        return o;
    }

    private static JsonObject error(String error) {
        return Json.of("ok", false, "error", error);
    }

    private static JsonObject invalidBlocks(List<String> problems) {
        JsonObject o = error("invalid_blocks");
        JsonArray errors = new JsonArray();
        problems.forEach(errors::add);
        o.add("errors", errors);
        return o;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
