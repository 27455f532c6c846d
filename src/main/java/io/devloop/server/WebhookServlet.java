package io.devloop.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The shape every webhook endpoint shares: 503 "not configured" while its secret is unset, 401 for wrong
 * credentials, 400 with a JSON error naming the problem, and the handler's 2xx answer. The raw body is read once
 * (the {@link BodyLimitFilter} has already answered 413 to anything over 1 MiB) so signatures cover its exact bytes.
 */
public abstract class WebhookServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);

    /** What a handler answers: a status and a small JSON body. */
    public record Answer(int status, Map<String, ?> body) {
        public static Answer accepted(Map<String, ?> body) {
            return new Answer(202, body);
        }

        public static Answer ok(Map<String, ?> body) {
            return new Answer(200, body);
        }
    }

    /** The client sent something devloop cannot use; the message names the problem. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    private final String settingName;
    private final String secret;

    /**
     * @param settingName the environment variable that configures this endpoint, named in the 503 answer
     * @param secret      its value; null or blank leaves the endpoint unconfigured
     */
    protected WebhookServlet(String settingName, String secret) {
        this.settingName = settingName;
        this.secret = secret == null || secret.isBlank() ? null : secret;
    }

    /** True when the request proves it knows the secret. */
    protected abstract boolean authorized(HttpServletRequest req, byte[] body, String secret);

    /** Parses, persists (one transaction) and answers; throws {@link BadRequest} for a client's mistake. */
    protected abstract Answer handle(HttpServletRequest req, byte[] body);

    @Override
    protected final void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (secret == null) {
            Json.error(resp, 503, "not configured: set " + settingName + " to enable this endpoint");
            return;
        }
        byte[] body = req.getInputStream().readAllBytes();
        if (!authorized(req, body, secret)) {
            Json.error(resp, 401, "unauthorized");
            return;
        }
        Answer answer;
        try {
            answer = handle(req, body);
        } catch (BadRequest e) {
            Json.error(resp, 400, e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("{} failed", req.getRequestURI(), e);
            Json.error(resp, 500, "internal error; the sender may retry");
            return;
        }
        Json.write(resp, answer.status(), answer.body());
    }

    /** Equal strings, compared in time that does not depend on where they differ. */
    public static boolean constantTimeEquals(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
