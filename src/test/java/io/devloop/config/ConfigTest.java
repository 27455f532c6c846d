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
    void missing_credentials_are_named() {
        Config.ModeDecision none = Config.from(Map.of(), List.of()).mode();
        Config.ModeDecision socket = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"), List.of()).mode();

        assertThat(none.complete()).isFalse();
        assertThat(none.missing()).anySatisfy(m -> assertThat(m).startsWith("SLACK_BOT_TOKEN"))
                .anySatisfy(m -> assertThat(m).startsWith("SLACK_SIGNING_SECRET"));
        assertThat(socket.complete()).isFalse();
        assertThat(socket.missing()).singleElement().asString().contains("Socket Mode");
    }

    @Test
    void secrets_never_appear_in_the_printed_config() {
        Config c = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-token", "SLACK_SIGNING_SECRET", "sig-secret",
                "DEVLOOP_DB_PASSWORD", "pw-secret"), List.of());

        assertThat(c.toString()).doesNotContain("secret");
    }

    @Test
    void alert_incident_severities_default_to_critical_sev1_and_page_sev2_and_can_be_changed_or_turned_off() {
        assertThat(Config.from(Map.of(), List.of()).alertIncidentSeverities()).isEqualTo(Map.of("critical", 1, "page", 2));
        assertThat(Config.from(Map.of("DEVLOOP_ALERT_INCIDENT_SEVERITIES", "Critical=SEV1, high=3"), List.of())
                .alertIncidentSeverities()).isEqualTo(Map.of("critical", 1, "high", 3));
        assertThat(Config.from(Map.of("DEVLOOP_ALERT_INCIDENT_SEVERITIES", "none"), List.of()).alertIncidentSeverities()).isEmpty();
        assertThatThrownBy(() -> Config.from(Map.of("DEVLOOP_ALERT_INCIDENT_SEVERITIES", "critical=9"), List.of()))
                .hasMessageContaining("DEVLOOP_ALERT_INCIDENT_SEVERITIES must look like critical=1,page=2");
    }
}
