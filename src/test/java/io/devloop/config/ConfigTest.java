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
        Config c = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s"), List.of());

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
    void no_token_at_all_selects_the_sandbox_with_its_own_secrets_database_and_loopback_address() {
        Config a = Config.from(Map.of(), List.of());
        Config b = Config.from(Map.of("SLACK_SIGNING_SECRET", "ignored-in-the-sandbox"), List.of());

        assertThat(a.mode().mode()).isEqualTo(Config.Mode.SANDBOX);
        assertThat(a.bind()).isEqualTo("127.0.0.1");
        assertThat(a.dbUrl()).isEqualTo(Config.SANDBOX_DB_URL).contains("./data/sandbox;");
        assertThat(a.signingSecret()).hasSize(64).isNotEqualTo(b.signingSecret()).isNotEqualTo("ignored-in-the-sandbox");
        assertThat(a.webhookToken()).hasSize(64).isNotEqualTo(b.webhookToken());
        assertThat(a.githubWebhookSecret()).hasSize(64).isNotEqualTo(a.webhookToken());
        assertThat(b.mode().mode()).isEqualTo(Config.Mode.SANDBOX);
    }

    @Test
    void the_sandbox_keeps_an_explicit_address_database_and_webhook_secrets() {
        Config c = Config.from(Map.of("DEVLOOP_BIND", "0.0.0.0", "DEVLOOP_DB_URL", "jdbc:h2:mem:x",
                "DEVLOOP_WEBHOOK_TOKEN", "tok", "GITHUB_WEBHOOK_SECRET", "gh"), List.of());

        assertThat(c.sandbox()).isTrue();
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.dbUrl()).isEqualTo("jdbc:h2:mem:x");
        assertThat(c.webhookToken()).isEqualTo("tok");
        assertThat(c.githubWebhookSecret()).isEqualTo("gh");
    }

    @Test
    void the_sandbox_flag_wins_over_slack_credentials() {
        Config c = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-real", "SLACK_SIGNING_SECRET", "real"), List.of("--sandbox"));

        assertThat(c.mode().mode()).isEqualTo(Config.Mode.SANDBOX);
        assertThat(c.botToken()).isEqualTo(Config.SANDBOX_BOT_TOKEN);
        assertThat(c.signingSecret()).isNotEqualTo("real");
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
        Config.ModeDecision tokenOnly = Config.from(Map.of("SLACK_BOT_TOKEN", "xoxb-1"), List.of()).mode();
        Config.ModeDecision appTokenOnly = Config.from(Map.of("SLACK_APP_TOKEN", "xapp-1"), List.of()).mode();

        assertThat(tokenOnly.missing()).singleElement().asString().contains("SLACK_SIGNING_SECRET").contains("Socket Mode");
        assertThat(appTokenOnly.missing()).singleElement().asString().startsWith("SLACK_BOT_TOKEN");
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
