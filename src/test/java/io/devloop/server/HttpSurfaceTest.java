package io.devloop.server;

import io.devloop.testing.DevloopExtension;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.Http;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HttpSurfaceTest {
    @RegisterExtension
    static final DevloopExtension devloop = new DevloopExtension();

    @Test
    void health_is_up() {
        HttpResponse<String> r = Http.get(devloop.server().url("/health"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void ready_when_database_and_scheduler_are_up() {
        HttpResponse<String> r = Http.get(devloop.server().url("/ready"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("READY");
    }

    @Test
    void metrics_expose_request_counts_and_outbox_depth() {
        devloop.server().slack().command("help");
        devloop.server().slack().command("plan Metrics");
        await().atMost(Duration.ofSeconds(5)).until(() -> devloop.server().count("outbox WHERE status = 'sent'") == 1);

        HttpResponse<String> r = Http.get(devloop.server().url("/metrics"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(r.body())
                .containsPattern("devloop_http_requests_seconds_count\\{method=\"POST\",route=\"/slack/events\",status=\"200\"} [2-9]")
                .contains("devloop_outbox_depth 0.0")
                .containsPattern("devloop_outbox_sent_total 1.0")
                .contains("devloop_slack_handler_seconds_count{status=\"200\",type=\"Command\"}");
    }

    @Test
    void a_body_over_one_mebibyte_gets_413_and_is_not_handled() throws Exception {
        String huge = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER,
                "plan " + "x".repeat(HttpServer.MAX_BODY_BYTES));

        // the server answers 413 from the announced length and closes; the client must read that answer even when the
        // rest of its upload is cut off (java.net.http may report the reset instead, so this uses HttpURLConnection)
        HttpURLConnection announced = post(huge, false);
        assertThat(announced.getResponseCode()).isEqualTo(413);
        assertThat(new String(announced.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("larger than");
        assertThat(chunkedPost(huge)).as("a streamed body without Content-Length").isEqualTo(413);
        assertThat(devloop.server().count("loops WHERE feature LIKE 'xxx%'")).isZero();
    }

    @Test
    void a_body_just_under_the_limit_reaches_the_handler() {
        String body = SlackRequests.commandBody(FakeSlack.TEAM, SlackRequests.CHANNEL, SlackRequests.USER, "help");
        String padded = body + "&pad=" + "y".repeat(HttpServer.MAX_BODY_BYTES - body.length() - 5);
        assertThat(padded.length()).isEqualTo(HttpServer.MAX_BODY_BYTES);

        HttpResponse<String> r = devloop.server().slack().send(padded, "application/x-www-form-urlencoded", Map.of());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SlackRequests.ackText(r)).contains("/devloop plan");
    }

    @Test
    void unknown_paths_are_404() {
        assertThat(Http.get(devloop.server().url("/nope")).statusCode()).isEqualTo(404);
    }

    private static int chunkedPost(String body) throws Exception {
        return post(body, true).getResponseCode();
    }

    /** A POST of {@code body}, with its length announced or streamed in chunks. */
    private static HttpURLConnection post(String body, boolean chunked) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(devloop.server().url("/slack/events")).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (chunked) {
            c.setChunkedStreamingMode(64 * 1024);
        } else {
            c.setFixedLengthStreamingMode(bytes.length);
        }
        c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        try (OutputStream out = c.getOutputStream()) {
            out.write(bytes);
        } catch (java.io.IOException e) {
            // the server may answer and close before the whole body is sent
        }
        return c;
    }
}
