package io.devloop.server;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.Http;
import io.devloop.testing.TestServer;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {

    @Test
    void without_the_database_ready_is_503_and_commands_get_a_clear_apology() throws Exception {
        Path dir = Files.createTempDirectory("devloop-h2");
        Server h2 = Server.createTcpServer("-tcp", "-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        try (FakeSlack slack = new FakeSlack()) {
            String url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/devloop;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            Map<String, String> env = new java.util.HashMap<>(TestServer.env(slack, url));
            try (TestServer server = TestServer.start(env)) {
                assertThat(Http.get(server.url("/ready")).statusCode()).isEqualTo(200);

                h2.stop();

                HttpResponse<String> r = Http.get(server.url("/ready"));
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).contains("NOT_READY").contains("database");
                assertThat(Http.get(server.url("/health")).statusCode()).as("still alive").isEqualTo(200);

                var command = server.slack().command("plan While the DB is down");
                assertThat(command.statusCode()).as("a user's command is answered, not failed").isEqualTo(200);
                assertThat(io.devloop.testing.SlackRequests.ackText(command)).contains("failed on my side").contains("try again");
            }
        } finally {
            h2.stop();
        }
    }
}
