package io.devloop.server;

import com.google.gson.Gson;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/** Small JSON answers for the non-Slack endpoints. */
public final class Json {
    private static final Gson GSON = new com.google.gson.GsonBuilder().disableHtmlEscaping().create();

    private Json() {
    }

    public static void write(HttpServletResponse resp, int status, Map<String, ?> body) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.getWriter().write(GSON.toJson(body));
    }

    public static void error(HttpServletResponse resp, int status, String message) throws IOException {
        write(resp, status, Map.of("error", message));
    }
}
