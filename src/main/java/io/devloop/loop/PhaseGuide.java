package io.devloop.loop;

/** Short guidance per phase, so a team new to the exercise knows what a good answer looks like. */
final class PhaseGuide {
    private PhaseGuide() {
    }

    static String of(Phase phase) {
        return switch (phase) {
            case PLAN -> "Turn the idea into a small, testable slice: user story, acceptance criteria, risks, and the metric "
                    + "that will say it worked. _e.g. PM, tech lead and designer refine the story in Jira, 1–2 days._";
            case CODE -> "Write the change on a short-lived branch with tests, open a pull request early, get it reviewed "
                    + "within a day. _e.g. developers in VS Code + GitHub, pre-commit hooks, 2–3 days._";
            case BUILD -> "Compile, run unit tests and linters, build the image and tag it with the commit sha, push it to "
                    + "the registry. _e.g. GitHub Actions + Docker, 8 min._";
            case TEST -> "Integration, end-to-end, performance and security tests in a production-like environment. "
                    + "_e.g. QA + developers with Playwright and k6 on staging, 30 min._";
            case RELEASE -> "Decide what goes out: version, changelog, feature flag or release train, approval. "
                    + "_e.g. release manager with semantic-release and LaunchDarkly, 15 min._";
            case DEPLOY -> "Ship to production progressively (canary or blue-green) with a rollback ready. "
                    + "_e.g. Argo CD canary 10 % for 15 min, then 100 %._";
            case OPERATE -> "Run it: on-call, runbooks, scaling, incident response, cost. "
                    + "_e.g. SRE on PagerDuty, Kubernetes autoscaling, ongoing._";
            case MONITOR -> "Dashboards and alerts on what users feel (SLOs), logs and traces, and the success metric "
                    + "against its goal. _e.g. Grafana + Prometheus alerts on p95 latency and error rate, continuous._";
        };
    }
}
