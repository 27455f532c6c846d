package io.devloop.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/** Readiness: 200 only when the database and the scheduler are up, else 503 with the reason. */
final class ReadyServlet extends HttpServlet {
    private final Supplier<String> problem;

    ReadyServlet(Supplier<String> problem) {
        this.problem = problem;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String reason = problem.get();
        if (reason == null) {
            Json.write(resp, 200, Map.of("status", "READY"));
        } else {
            Json.write(resp, 503, Map.of("status", "NOT_READY", "reason", reason));
        }
    }
}
