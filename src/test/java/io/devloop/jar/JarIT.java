package io.devloop.jar;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.Http;
import io.devloop.testing.SlackRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The shaded jar itself, run as a user runs it (integration-test phase, after package). */
class JarIT {
    private static final Path JAR = Path.of("target/devloop.jar");

    @Test
    void an_incomplete_slack_setup_says_what_to_set_and_exits_2(@TempDir Path dir) throws Exception {
        Process p = start(dir, Map.of("SLACK_BOT_TOKEN", "xoxb-no-secret"));

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = output(dir);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).contains("SLACK_SIGNING_SECRET").contains("manifest.yml").contains("--sandbox")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(dir.resolve("data")).as("no database is created for a run that cannot start").doesNotExist();
    }

    @Test
    void without_slack_settings_the_jar_opens_the_sandbox_on_loopback_with_its_own_database(@TempDir Path dir) throws Exception {
        int port = freePort();
        Process p = start(dir, Map.of("PORT", Integer.toString(port)));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> output(dir).contains("devloop sandbox: open"));
            assertThat(output(dir)).contains("devloop sandbox: open http://localhost:" + port + "/sandbox")
                    .contains("mode=sandbox").contains("bind=127.0.0.1");
            String base = "http://127.0.0.1:" + port;
            assertThat(Http.get(base + "/sandbox").body()).contains("devloop sandbox");

            var sent = Http.postJson(base + "/sandbox/command", "{\"user\":\"U0ALICE\",\"conversation\":\"C0GENERAL\","
                    + "\"text\":\"/devloop plan From the jar\"}");
            assertThat(sent.statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Http.get(base + "/sandbox/state?user=U0ALICE&conversation=C0GENERAL").body().contains("From the jar"));
            assertThat(Files.list(dir.resolve("data")).map(f -> f.getFileName().toString()).toList())
                    .anySatisfy(name -> assertThat(name).startsWith("sandbox"));
        } finally {
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void with_settings_the_jar_migrates_h2_under_data_serves_slack_logs_json_and_stops_on_sigterm(@TempDir Path dir) throws Exception {
        try (FakeSlack slack = new FakeSlack()) {
            int port = freePort();
            Process p = start(dir, Map.of("SLACK_BOT_TOKEN", "xoxb-jar", "SLACK_SIGNING_SECRET", "jar-secret",
                    "SLACK_API_URL", slack.apiUrl(), "PORT", Integer.toString(port), "DEVLOOP_BIND", "127.0.0.1",
                    "DEVLOOP_LOG_FORMAT", "json"));
            try {
                String base = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                        .until(() -> Http.get(base + "/health").statusCode() == 200);
                assertThat(Http.get(base + "/ready").statusCode()).isEqualTo(200);

                var response = new SlackRequests(base, "jar-secret").command("plan From the jar");
                assertThat(response.statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() == 1);
                assertThat(Files.list(dir.resolve("data")).map(f -> f.getFileName().toString()).toList())
                        .anySatisfy(name -> assertThat(name).startsWith("devloop"));
            } finally {
                p.destroy(); // SIGTERM: the graceful path
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            String output = output(dir);
            assertThat(output).contains("devloop 0.1.0 started: mode=http port=" + port);
            assertThat(output.lines().filter(l -> l.contains("\"message\":\"devloop stopped\"")))
                    .as("DEVLOOP_LOG_FORMAT=json: one JSON object per log line")
                    .singleElement().satisfies(l -> assertThat(l).startsWith("{").endsWith("}").contains("\"level\":\"INFO\""));
        }
    }

    private static Process start(Path workDir, Map<String, String> env) throws IOException {
        assertThat(JAR).as("run `mvn package` first").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("output.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("DEVLOOP_") || k.equals("PORT"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String output(Path workDir) throws IOException {
        return Files.readString(workDir.resolve("output.log"), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
