package io.devloop.config;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    @Test
    void defaults_follow_the_contract() {
        Config c = Config.from(Map.of(), List.of());

        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.slackApiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(c.dbUrl()).isEqualTo(Config.DEFAULT_DB_URL);
        assertThat(c.defaultZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.logFormat()).isEqualTo(Config.LogFormat.TEXT);
        assertThat(c.nodeId()).contains("-" + ProcessHandle.current().pid());
        assertThat(c.dbKind()).isEqualTo("H2");
    }

    @Test
    void every_problem_is_reported_at_once_in_words_a_person_can_act_on() {
        assertThatThrownBy(() -> Config.from(Map.of("PORT", "abc", "DEVLOOP_TZ", "Mars/Olympus",
                "DEVLOOP_DB_URL", "jdbc:mysql://x", "SLACK_BOT_TOKEN", "xoxp-user", "DEVLOOP_LOG_FORMAT", "xml"), List.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(5)
                        .anySatisfy(p -> assertThat(p).contains("PORT must be a number"))
                        .anySatisfy(p -> assertThat(p).contains("DEVLOOP_TZ"))
                        .anySatisfy(p -> assertThat(p).contains("jdbc:h2:"))
                        .anySatisfy(p -> assertThat(p).contains("xoxb-"))
                        .anySatisfy(p -> assertThat(p).contains("text or json")));
    }

    @Test
    void the_slack_api_url_always_ends_with_a_slash() {
        assertThat(Config.from(Map.of("SLACK_API_URL", "http://127.0.0.1:9/api"), List.of()).slackApiUrl())
                .isEqualTo("http://127.0.0.1:9/api/");
    }

    @Test
    void bot_token_and_signing_secret_select_http_mode() {
        Config c = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s"), List.of());

        assertThat(c.mode().mode()).isEqualTo(Config.Mode.HTTP);
        assertThat(c.mode().missing()).isEmpty();
    }

    @Test
    void bot_token_and_app_token_select_socket_mode_without_a_signing_secret() {
        Config socket = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"), List.of());
        Config both = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1",
                "SLACK_SIGNING_SECRET", "s"), List.of());

        assertThat(socket.mode().mode()).isEqualTo(Config.Mode.SOCKET);
        assertThat(socket.mode().missing()).isEmpty();
        assertThat(both.mode().mode()).as("the app token wins: Socket Mode needs no public URL").isEqualTo(Config.Mode.SOCKET);
    }

    @Test
    void missing_credentials_are_named() {
        Config.ModeDecision none = Config.from(Map.of(), List.of()).mode();
        Config.ModeDecision tokenOnly = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1"), List.of()).mode();
        Config.ModeDecision appTokenOnly = Config.from(Map.of("SLACK_APP_TOKEN", "xapp-1"), List.of()).mode();

        assertThat(none.complete()).isFalse();
        assertThat(none.missing()).anySatisfy(m -> assertThat(m).startsWith("SLACK_BOT_TOKEN"))
                .anySatisfy(m -> assertThat(m).startsWith("SLACK_SIGNING_SECRET").contains("SLACK_APP_TOKEN"));
        assertThat(tokenOnly.missing()).singleElement().asString().contains("SLACK_SIGNING_SECRET").contains("Socket Mode");
        assertThat(appTokenOnly.missing()).singleElement().asString().startsWith("SLACK_BOT_TOKEN");
    }

    @Test
    void secrets_never_appear_in_the_printed_config() {
        Config c = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token", "SLACK_SIGNING_SECRET", "sig-secret",
                "DEVLOOP_DB_PASSWORD", "pw-secret"), List.of());

        assertThat(c.toString()).doesNotContain("secret");
    }
}
