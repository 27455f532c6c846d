package io.devloop;

import io.devloop.config.Config;
import io.devloop.slack.SlackSetup;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupTest {

    @Test
    void a_token_slack_refuses_stops_startup_with_a_clear_message() {
        try (FakeSlack slack = new FakeSlack()) {
            slack.stub("auth.test", okJson("{\"ok\":false,\"error\":\"invalid_auth\"}"));
            Map<String, String> env = TestServer.env(slack, TestServer.freshH2Url());

            assertThatThrownBy(() -> App.start(Config.from(env, List.of())))
                    .isInstanceOfSatisfying(SlackSetup.SlackUnavailableException.class, e -> {
                        assertThat(e.refused()).isTrue();
                        assertThat(e.getMessage()).contains("Slack refused SLACK_BOT_TOKEN").contains("invalid_auth");
                    });
        }
    }

    @Test
    void an_app_token_slack_refuses_stops_startup_with_a_clear_message() {
        try (FakeSlack slack = new FakeSlack()) {
            slack.stub("apps.connections.open", okJson("{\"ok\":false,\"error\":\"invalid_auth\"}"));
            Map<String, String> env = new HashMap<>(TestServer.env(slack, TestServer.freshH2Url()));
            env.put("SLACK_APP_TOKEN", "xapp-1-revoked");

            assertThatThrownBy(() -> App.start(Config.from(env, List.of())))
                    .isInstanceOfSatisfying(SlackSetup.SlackUnavailableException.class, e -> {
                        assertThat(e.refused()).isTrue();
                        assertThat(e.getMessage()).contains("Slack refused SLACK_APP_TOKEN").contains("invalid_auth")
                                .contains("connections:write");
                    });
        }
    }

    @Test
    void an_unreachable_slack_stops_startup_naming_the_url() {
        Map<String, String> env = TestServer.env("http://127.0.0.1:9/api/", TestServer.freshH2Url());

        assertThatThrownBy(() -> App.start(Config.from(env, List.of())))
                .isInstanceOfSatisfying(SlackSetup.SlackUnavailableException.class, e -> {
                    assertThat(e.refused()).isFalse();
                    assertThat(e.getMessage()).contains("http://127.0.0.1:9/api/");
                });
    }

    @Test
    void an_unreachable_database_stops_startup_naming_it_without_the_password() {
        try (FakeSlack slack = new FakeSlack()) {
            Map<String, String> env = new HashMap<>(TestServer.env(slack, "jdbc:postgresql://127.0.0.1:9/none?password=hunter2"));

            assertThatThrownBy(() -> App.start(Config.from(env, List.of())))
                    .isInstanceOf(App.StartupException.class)
                    .hasMessageContaining("cannot open the database PostgreSQL")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void the_summary_line_names_port_database_slack_url_and_version() {
        try (FakeSlack slack = new FakeSlack(); TestServer server = TestServer.start(slack)) {
            assertThat(server.app().summary())
                    .startsWith("devloop 0.1.0 started: mode=http port=" + server.app().port())
                    .contains("db=H2").contains("slack_api=" + slack.apiUrl()).contains("team=" + FakeSlack.TEAM);
        }
    }
}
