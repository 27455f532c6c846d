package io.devloop.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The two URLs Slack hands out besides the Web API, mounted at {@code /sandbox/hooks/*}: response URLs
 * ({@code /respond/<id>}, what {@code ctx.respond} posts to) and file upload URLs ({@code /upload/<file id>}).
 */
final class HooksServlet extends HttpServlet {
    private final Workspace workspace;

    HooksServlet(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        byte[] body = req.getInputStream().readAllBytes();
        if (path.startsWith("/upload/")) {
            String fileId = path.substring("/upload/".length());
            if (workspace.file(fileId).isEmpty()) {
                answer(resp, 404, "no such upload");
                return;
            }
            workspace.storeUpload(fileId, body);
            workspace.logCall("upload " + fileId + " (" + body.length + " bytes) → ok");
            answer(resp, 200, "OK - " + body.length);
        } else if (path.startsWith("/respond/")) {
            Optional<Workspace.ResponseTarget> target = workspace.useResponseUrl(path.substring("/respond/".length()));
            if (target.isEmpty()) {
                workspace.logCall("response_url → expired_url");
                answer(resp, 404, "expired_url");
                return;
            }
            JsonObject message = Json.parseObject(new String(body, StandardCharsets.UTF_8));
            if (message == null) {
                answer(resp, 400, "invalid_payload");
                return;
            }
            respond(target.get(), message);
            workspace.logCall("response_url " + target.get().channel() + " → ok");
            answer(resp, 200, "ok");
        } else {
            answer(resp, 404, "not found");
        }
    }

    /** Slack's response_url rules: delete or replace the message acted on, else a new ephemeral (or in-channel) one. */
    private void respond(Workspace.ResponseTarget target, JsonObject message) {
        String text = Json.str(message, "text");
        JsonArray blocks = message.has("blocks") && message.get("blocks").isJsonArray() ? message.getAsJsonArray("blocks") : null;
        if (Json.bool(message, "delete_original") && target.messageTs() != null) {
            workspace.delete(target.channel(), target.messageTs());
        } else if (Json.bool(message, "replace_original") && target.messageTs() != null
                && workspace.update(target.channel(), target.messageTs(), text, blocks)) {
            return;
        } else if ("in_channel".equals(Json.str(message, "response_type"))) {
            workspace.post(target.channel(), null, Workspace.BOT_USER, text, blocks);
        } else {
            workspace.postEphemeral(target.channel(), target.user(), text, blocks);
        }
    }

    private static void answer(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        resp.getWriter().write(text);
    }
}
