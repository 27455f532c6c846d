package io.devloop.loop;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A complete loop for "Shopping Cart Abandonment Emails", filled in the way a team would after the exercise, with
 * the text people actually type: pipes, line breaks, quotes, brackets and angle brackets.
 */
final class ExportFixtures {
    static final String TEAM = "T0DEVLOOP";
    /** Summer and winter edits in one zone, so the golden files show both offsets. */
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant PLANNED = Instant.parse("2026-03-02T08:15:00Z");
    static final Instant SUMMER = Instant.parse("2026-07-14T12:05:00Z");
    static final Instant WINTER = Instant.parse("2026-11-30T16:45:00Z");

    private ExportFixtures() {
    }

    static Loop loop(long id) {
        return new Loop(id, TEAM, 3, "C0GENERAL", "Shopping Cart Abandonment Emails", "shopping cart abandonment emails",
                "U0ALICE", "cart-mailer", 11L, PLANNED, WINTER);
    }

    static LoopSnapshot complete(long loopId) {
        return new LoopSnapshot(loop(loopId), phases(loopId), feedback(loopId), Optional.of(pipeline(loopId)),
                stages(loopId), metrics(loopId), Optional.of(dora(loopId)));
    }

    static Map<Phase, PhaseAnswer> phases(long loopId) {
        Map<Phase, PhaseAnswer> phases = new EnumMap<>(Phase.class);
        put(phases, loopId, Phase.PLAN, "Product and design agree which carts count as abandoned (no checkout within 1 h)\n"
                        + "and write the email sequence:\n- reminder after 1 h\n- discount after 24 h",
                "Product manager, designer, marketing", "U0ALICE,U0BOB", "Jira, Figma", "3 days", 3 * 1440L,
                "Refined stories with acceptance criteria", "Generate stories from the experiment template", "U0ALICE", SUMMER);
        put(phases, loopId, Phase.CODE, "Developers build the abandonment detector and the <EmailJob> scheduler behind a feature flag.",
                "Backend developers", "U0CAROL", "IntelliJ, GitHub, Unleash", "1 week", 7 * 1440L,
                "Merged pull requests", "Pre-commit hooks for formatting and secrets", "U0CAROL", SUMMER);
        put(phases, loopId, Phase.BUILD, "CI compiles, runs unit tests, builds the container image and tags it with the commit sha.",
                "CI (no human)", "U0DAN", "GitHub Actions, Docker", "1.5 hours", 90L,
                "Image cart-mailer:<sha> in the registry", "Cache dependencies to cut build time", "U0DAN", SUMMER);
        put(phases, loopId, Phase.TEST, "Integration tests against a fake mail server; contract tests with the cart service.",
                "QA engineer", "U0ERIN", "JUnit, WireMock, Pact", "2h", 120L,
                "Green test report", "Run contract tests on every pull request", "U0ERIN", SUMMER);
        put(phases, loopId, Phase.RELEASE, "Release notes, version bump, change approval for the marketing calendar.",
                "Release manager", "U0FRANK", "GitHub Releases", "30 min", 30L,
                "Tagged release v1.4.0", "Generate release notes from pull request labels", "U0FRANK", SUMMER);
        put(phases, loopId, Phase.DEPLOY, "Canary to 10 % of shops, watch for 30 min, then everyone.",
                "SRE on call", "U0GRACE", "Argo Rollouts, Kubernetes", "45 min", 45L,
                "Running in production", "Automatic promotion when the canary stays healthy", "U0GRACE", WINTER);
        put(phases, loopId, Phase.OPERATE, "On-call handles bounces and unsubscribes; runbook for a stuck email queue.",
                "SRE on call, support", "U0GRACE", "PagerDuty, runbooks", "1 day", 1440L,
                "Healthy service, answered tickets", "Auto-scale workers on queue depth", "U0GRACE", WINTER);
        put(phases, loopId, Phase.MONITOR, "Dashboards for send latency and error rate | open and click rates; alerts to #cart-alerts.",
                "SRE, product analyst", "U0HEIDI", "Prometheus, Grafana, Looker", "1 day", 1440L,
                "Weekly metrics review", "Anomaly detection on the recovery rate", "U0BOB", WINTER);
        return phases;
    }

    private static void put(Map<Phase, PhaseAnswer> phases, long loopId, Phase phase, String what, String roles, String owners,
                            String tools, String durationText, Long minutes, String deliverable, String automation,
                            String editor, Instant at) {
        phases.put(phase, new PhaseAnswer(TEAM, loopId, phase.key(), what, roles, owners, tools, durationText, minutes,
                deliverable, automation, editor, at));
    }

    static List<FeedbackLoop> feedback(long loopId) {
        return List.of(
                new FeedbackLoop(1, TEAM, loopId, "monitor", "plan", "Recovery rate | unsubscribe rate per email",
                        "Weekly metrics review", "days", "Unsubscribes spike after the second email,\nso Plan drops it to one reminder.",
                        "U0BOB", SUMMER),
                new FeedbackLoop(2, TEAM, loopId, "test", "code", "Failing contract tests with the diff",
                        "Pull request check", "minutes", "The cart service renamed `total` and the contract test fails the PR.",
                        "U0ERIN", SUMMER),
                new FeedbackLoop(3, TEAM, loopId, "build", "code", "Compile errors and unit test failures",
                        "CI status in Slack", "immediate", "A null check is missing; the build fails within 3 minutes.",
                        "U0DAN", SUMMER),
                new FeedbackLoop(4, TEAM, loopId, "operate", "plan", "Support tickets about wrong discount codes",
                        "Ticket tags reviewed in planning", "days", "Customers get an expired code; Plan adds an expiry check story.",
                        "U0GRACE", WINTER),
                new FeedbackLoop(5, TEAM, loopId, "deploy", "test", "Canary errors that tests missed",
                        "Rollback alert in #cart-alerts", "hours", "Canary shows 2 % template errors → a test for empty carts is added.",
                        "U0GRACE", WINTER));
    }

    static Pipeline pipeline(long loopId) {
        return new Pipeline(TEAM, loopId, "Push to main (pull request merged)", "Slack #cart-deploys; PagerDuty for a failed rollback",
                "Synthetic checkout every minute; error rate and p95 latency compared with the baseline", "canary", 10, 30L,
                "2 hours", 120L, "U0GRACE", WINTER);
    }

    static List<PipelineStage> stages(long loopId) {
        return List.of(
                new PipelineStage(1, TEAM, loopId, 1, "Build", "mvn verify; docker build", "8 min", 8L,
                        "Compiles and unit tests pass", "stop"),
                new PipelineStage(2, TEAM, loopId, 2, "Integration tests", "Testcontainers | WireMock suite", "15 min", 15L,
                        "All green, coverage >= 80 %", "stop"),
                new PipelineStage(3, TEAM, loopId, 3, "Security scan", "Trivy image scan", "5 min", 5L,
                        "No critical CVEs", "notify"),
                new PipelineStage(4, TEAM, loopId, 4, "Deploy \"canary\" [10 %]", "Argo Rollouts step 1", "30 min", 30L,
                        "Error rate < 1 % and p95 < 500 ms {5 min window}", "rollback"),
                new PipelineStage(5, TEAM, loopId, 5, "Full rollout", "Argo Rollouts promote", "10 min", 10L,
                        "All pods ready", "rollback"));
    }

    static List<SuccessMetric> metrics(long loopId) {
        return List.of(
                new SuccessMetric(1, TEAM, loopId, SuccessMetric.TECHNICAL, 1, "Email send latency", "p95 < 200 ms",
                        "Prometheus histogram email_send_seconds", "p95 > 500 ms", "p95", ">", 500.0, "ms"),
                new SuccessMetric(2, TEAM, loopId, SuccessMetric.TECHNICAL, 2, "Send error rate", "< 0.1 %",
                        "Grafana | mailer dashboard", "error rate > 1 %", "error rate", ">", 1.0, "%"),
                new SuccessMetric(3, TEAM, loopId, SuccessMetric.BUSINESS, 1, "Recovered carts", "+10 % in 30 days",
                        "Looker cart funnel", null, null, null, null, null),
                new SuccessMetric(4, TEAM, loopId, SuccessMetric.BUSINESS, 2, "Unsubscribe rate", "under 0.5 % per email",
                        "Mail provider stats", null, null, null, null, null));
    }

    static DoraNotes dora(long loopId) {
        return new DoraNotes(TEAM, loopId, "2 days from first commit to 100 % rollout", false,
                "The canary caught a template bug with empty carts;\nwe rolled back once and shipped the fix the next morning.",
                "U0ALICE", WINTER);
    }
}
