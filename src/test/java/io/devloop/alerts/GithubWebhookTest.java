package io.devloop.alerts;

import io.devloop.testing.DevloopTest;
import io.devloop.testing.FakeSlack;
import io.devloop.testing.TestServer;
import io.devloop.testing.Webhooks;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GitHub deliveries into the running server: signatures, redeliveries, deploys, failed runs, commit times. */
class GithubWebhookTest extends DevloopTest {
    private static final String DEPLOYED = Webhooks.fixture("github/deployment_status.created.success.json");
    private static final String RUN = Webhooks.fixture("github/workflow_run.completed.json");

    @Test
    void githubs_documented_signature_example_verifies() {
        assertThat(GithubSignature.of("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void a_wrong_or_missing_signature_is_401_and_nothing_is_stored() {
        String url = server.url("/webhooks/github");
        Map<String, String> headers = Map.of("X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", "d-1",
                "X-Hub-Signature-256", GithubSignature.of("another secret", DEPLOYED.getBytes(StandardCharsets.UTF_8)));
        assertThat(Webhooks.post(url, DEPLOYED, headers).statusCode()).isEqualTo(401);
        assertThat(Webhooks.post(url, DEPLOYED, Map.of("X-GitHub-Event", "deployment_status", "X-GitHub-Delivery", "d-1"))
                .statusCode()).isEqualTo(401);
        assertThat(server.count("deployments")).isZero();
        assertThat(server.count("webhook_dedupe")).isZero();
    }

    @Test
    void a_successful_production_deploy_is_recorded_and_announced_once_even_when_redelivered() {
        String delivery = Webhooks.newDelivery();
        HttpResponse<String> first = Webhooks.github(server, "deployment_status", delivery, DEPLOYED);
        HttpResponse<String> again = Webhooks.github(server, "deployment_status", delivery, DEPLOYED);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(server.count("deployments")).isEqualTo(1);
        assertThat(server.queryString("SELECT service || ' ' || environment || ' ' || production || ' ' || sha FROM deployments"))
                .isEqualTo("Hello-World production TRUE f95f852bd8fca8fcc58a9a2d6c842781e32a215e".replace("TRUE",
                        server.queryString("SELECT CAST(TRUE AS VARCHAR(5))")));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= 1);
        sleep();
        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).get("channel")).isEqualTo(TestServer.ALERT_CHANNEL);
        assertThat(posts.get(0).get("text")).isEqualTo(":rocket: *Hello-World* `f95f852` (master) deployed to *production*");
    }

    @Test
    void a_failed_deploy_goes_to_the_services_route() {
        server.slack().command("alerts route hello-world <#C0HELLO|hello>");
        String failed = DEPLOYED.replaceFirst("\"state\": \"success\"", "\"state\": \"failure\"");
        assertThat(failed).isNotEqualTo(DEPLOYED);

        assertThat(Webhooks.github(server, "deployment_status", Webhooks.newDelivery(), failed).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= 1);
        FakeSlack.Call post = slack.calls("chat.postMessage").get(0);
        assertThat(post.get("channel")).isEqualTo("C0HELLO");
        assertThat(post.get("text")).startsWith(":x: Deployment of *Hello-World*").endsWith("to *production* failed");
        assertThat(server.queryString("SELECT state FROM deployments")).isEqualTo("failure");
    }

    @Test
    void a_pending_deploy_and_a_staging_deploy_do_not_count_for_dora() {
        Webhooks.github(server, "deployment_status", Webhooks.newDelivery(),
                DEPLOYED.replaceFirst("\"state\": \"success\"", "\"state\": \"in_progress\""));
        Webhooks.github(server, "deployment_status", Webhooks.newDelivery(),
                DEPLOYED.replace("\"environment\": \"production\"", "\"environment\": \"staging\""));

        assertThat(server.count("deployments")).isEqualTo(1);
        assertThat(server.count("deployments WHERE production")).isZero();
    }

    @Test
    void a_failed_workflow_run_is_announced_with_a_link_and_every_completed_run_gives_a_commit_time() {
        HttpResponse<String> success = Webhooks.github(server, "workflow_run", Webhooks.newDelivery(), RUN);
        assertThat(success.statusCode()).isEqualTo(202);
        assertThat(server.queryString("SELECT sha FROM commit_times")).isEqualTo("3484a3fb816e0859fd6e1cea078d76385ff50625");

        String failed = RUN.replaceFirst("\"conclusion\": \"success\"", "\"conclusion\": \"failure\"");
        assertThat(failed).isNotEqualTo(RUN);
        Webhooks.github(server, "workflow_run", Webhooks.newDelivery(), failed);

        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").size() >= 1);
        sleep();
        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).get("text")).startsWith(":red_circle: *octo-repo*:").contains("failed on `master` (`3484a3f`)",
                "<https://github.com/octo-org/octo-repo/actions/runs/289782451|view run>");
        assertThat(server.count("commit_times")).isEqualTo(1);
    }

    @Test
    void push_events_record_commit_times() {
        String push = """
                {"ref":"refs/heads/main","repository":{"name":"checkout"},
                 "commits":[{"id":"aaaaaaa1","timestamp":"2026-11-30T10:00:00+01:00"},{"id":"bbbbbbb2","timestamp":"2026-11-30T10:05:00Z"}],
                 "head_commit":{"id":"bbbbbbb2","timestamp":"2026-11-30T10:05:00Z"}}""";
        assertThat(Webhooks.github(server, "push", Webhooks.newDelivery(), push).statusCode()).isEqualTo(202);
        assertThat(server.count("commit_times")).isEqualTo(2);
        assertThat(server.queryString("SELECT sha FROM commit_times ORDER BY committed_at LIMIT 1")).isEqualTo("aaaaaaa1");
    }

    @Test
    void ping_is_200_and_unknown_events_are_202_ignored() {
        HttpResponse<String> ping = Webhooks.github(server, "ping", Webhooks.newDelivery(), Webhooks.fixture("github/ping.json"));
        assertThat(ping.statusCode()).isEqualTo(200);
        HttpResponse<String> star = Webhooks.github(server, "star", Webhooks.newDelivery(), "{\"action\":\"created\"}");
        assertThat(star.statusCode()).isEqualTo(202);
        assertThat(star.body()).contains("ignored");
        assertThat(server.count("webhook_dedupe")).isZero();
    }

    @Test
    void bad_payloads_and_missing_headers_are_400_naming_the_problem() {
        HttpResponse<String> notJson = Webhooks.github(server, "deployment_status", Webhooks.newDelivery(), "{oops");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");
        HttpResponse<String> noRepo = Webhooks.github(server, "deployment_status", Webhooks.newDelivery(),
                "{\"deployment_status\":{\"state\":\"success\"},\"deployment\":{}}");
        assertThat(noRepo.statusCode()).isEqualTo(400);
        assertThat(noRepo.body()).contains("'repository' is missing");
        HttpResponse<String> badTime = Webhooks.github(server, "deployment_status", Webhooks.newDelivery(),
                DEPLOYED.replace("\"created_at\": \"2019-05-15T15:20:55Z\"", "\"created_at\": \"soon\""));
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("deployment_status.created_at is not an RFC 3339 time");
        String body = "{}";
        HttpResponse<String> noEvent = Webhooks.post(server.url("/webhooks/github"), body, Map.of("X-GitHub-Delivery", "x",
                "X-Hub-Signature-256", GithubSignature.of(TestServer.GITHUB_SECRET, body.getBytes(StandardCharsets.UTF_8))));
        assertThat(noEvent.statusCode()).isEqualTo(400);
        assertThat(noEvent.body()).contains("X-GitHub-Event");
        assertThat(server.count("deployments")).isZero();
        assertThat(server.count("webhook_dedupe")).isZero();
    }

    private static void sleep() {
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
