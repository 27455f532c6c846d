package io.devloop.sandbox;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** The page's webhook panel sends real sample payloads, authenticated the way Alertmanager and GitHub do. */
class SampleWebhooksTest {
    private static final Instant NOW = Instant.parse("2026-12-01T17:00:00Z");
    private static final String GITHUB_SECRET = "It's a Secret to Everybody";
    private WireMockServer devloop;
    private SampleWebhooks webhooks;

    @BeforeEach
    void start() {
        devloop = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        devloop.start();
        devloop.stubFor(post(urlPathEqualTo("/webhooks/alertmanager")).willReturn(aResponse().withStatus(202)));
        devloop.stubFor(post(urlPathEqualTo("/webhooks/github")).willReturn(aResponse().withStatus(202)));
        webhooks = new SampleWebhooks("http://127.0.0.1:" + devloop.port(), "sandbox-token", GITHUB_SECRET,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        devloop.stop();
    }

    @Test
    void firing_then_resolved_carry_the_bearer_token_and_the_same_start_time() {
        assertThat(webhooks.send(SampleWebhooks.Kind.ALERT_FIRING).status()).isEqualTo(202);
        assertThat(webhooks.send(SampleWebhooks.Kind.ALERT_RESOLVED).status()).isEqualTo(202);

        var sent = devloop.findAll(postRequestedFor(urlPathEqualTo("/webhooks/alertmanager")));
        assertThat(sent).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer sandbox-token"));
        JsonObject firing = JsonParser.parseString(sent.get(0).getBodyAsString()).getAsJsonObject();
        JsonObject resolved = JsonParser.parseString(sent.get(1).getBodyAsString()).getAsJsonObject();
        JsonObject firstFiring = firing.getAsJsonArray("alerts").get(0).getAsJsonObject();
        JsonObject firstResolved = resolved.getAsJsonArray("alerts").get(0).getAsJsonObject();
        assertThat(firing.get("status").getAsString()).isEqualTo("firing");
        assertThat(resolved.get("status").getAsString()).isEqualTo("resolved");
        assertThat(firstFiring.get("startsAt").getAsString()).isEqualTo("2026-12-01T16:58:30Z")
                .isEqualTo(firstResolved.get("startsAt").getAsString());
        assertThat(firstFiring.get("endsAt").getAsString()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(firstResolved.get("endsAt").getAsString()).isEqualTo(NOW.toString());
        assertThat(firstFiring.get("fingerprint").getAsString()).isEqualTo(firstResolved.get("fingerprint").getAsString());
    }

    @Test
    void a_deployment_status_is_signed_with_the_github_secret_and_named_after_the_alerting_service() throws Exception {
        assertThat(webhooks.send(SampleWebhooks.Kind.DEPLOYMENT).status()).isEqualTo(202);

        var request = devloop.findAll(postRequestedFor(urlPathEqualTo("/webhooks/github"))).get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.getBody()));
        assertThat(request.getHeader("X-Hub-Signature-256")).isEqualTo(expected);
        assertThat(request.getHeader("X-GitHub-Event")).isEqualTo("deployment_status");
        assertThat(request.getHeader("X-GitHub-Delivery")).matches("[0-9a-f-]{36}");
        JsonObject body = JsonParser.parseString(request.getBodyAsString()).getAsJsonObject();
        assertThat(body.getAsJsonObject("repository").get("name").getAsString()).isEqualTo("checkout");
        assertThat(body.getAsJsonObject("deployment_status").get("state").getAsString()).isEqualTo("success");
        assertThat(body.getAsJsonObject("deployment").get("created_at").getAsString()).isEqualTo(NOW.toString());
    }

    @Test
    void an_unreachable_devloop_is_status_0_not_an_exception() {
        devloop.stop();

        assertThat(webhooks.send(SampleWebhooks.Kind.DEPLOYMENT).status()).isZero();
    }
}
