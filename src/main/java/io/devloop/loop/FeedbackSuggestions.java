package io.devloop.loop;

import java.util.List;
import java.util.Optional;

/**
 * The feedback loops most teams have, offered as one-click starting points. Each pre-fills the form with text a
 * team can keep or adapt; only the loops a loop does not map yet are offered.
 */
public final class FeedbackSuggestions {

    /** {@code key} ("build-code") names the suggestion in its button's action id. */
    public record Suggestion(String key, Phase from, Phase to, String information, String channel, String speed,
                             String example) {
        public String title() {
            return from.label() + " → " + to.label();
        }

        public FeedbackDraft draft() {
            return new FeedbackDraft(from.key(), to.key(), information, channel, speed, example);
        }
    }

    public static final List<Suggestion> ALL = List.of(
            suggestion(Phase.MONITOR, Phase.PLAN,
                    "Usage analytics, error rates and user behaviour that show what to build, fix or drop next",
                    "Dashboard review in sprint planning; findings filed as backlog items",
                    "days",
                    "The funnel dashboard shows 30 % of shoppers leave at the shipping step; the product owner adds"
                            + " a \"simplify the shipping form\" story to the next sprint."),
            suggestion(Phase.TEST, Phase.CODE,
                    "Failing integration and end-to-end tests, coverage gaps, flaky-test reports",
                    "Failed CI check on the pull request with the test report, and a mention of the author",
                    "minutes",
                    "An end-to-end test shows a discount applied twice at checkout; the pull request is blocked and"
                            + " the author fixes the rounding before it merges."),
            suggestion(Phase.BUILD, Phase.CODE,
                    "Compile errors, failing unit tests, lint findings",
                    "CI status check on the PR + chat notification",
                    "minutes",
                    "A push breaks the build with a missing import; within minutes the PR check turns red and a chat"
                            + " message links the log, so the developer fixes it before anyone else pulls."),
            suggestion(Phase.OPERATE, Phase.PLAN,
                    "Incidents, on-call pain, support tickets and capacity limits that need planned work",
                    "Post-incident reviews whose action items go into the backlog and are ranked at planning",
                    "days",
                    "A Friday outage traced to a missing database index becomes a post-incident action item that is"
                            + " planned into the next sprint."),
            suggestion(Phase.DEPLOY, Phase.TEST,
                    "Failed deployments, smoke-test and canary results that reveal gaps in the test suite",
                    "Deployment notification in the team channel and a ticket to add the missing test",
                    "hours",
                    "A canary fails because a setting differs in production; the team adds an environment-parity"
                            + " check to the pre-release tests."),
            suggestion(Phase.RELEASE, Phase.PLAN,
                    "Go/no-go decisions, release-readiness gaps and stakeholder reactions to what shipped",
                    "Release review notes on the release ticket, discussed at the next planning",
                    "days",
                    "A release is held back because legal has not approved the new email wording; planning adds that"
                            + " sign-off as an explicit step early in the next cycle."));

    private FeedbackSuggestions() {
    }

    /** The suggestions whose from → to pair none of {@code existing} already maps, in {@link #ALL}'s order. */
    public static List<Suggestion> missingFrom(List<FeedbackLoop> existing) {
        return ALL.stream()
                .filter(s -> existing.stream().noneMatch(f -> s.from().key().equals(f.fromPhase()) && s.to().key().equals(f.toPhase())))
                .toList();
    }

    public static Optional<Suggestion> byKey(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    private static Suggestion suggestion(Phase from, Phase to, String information, String channel, String speed,
                                         String example) {
        return new Suggestion(from.key() + "-" + to.key(), from, to, information, channel, speed, example);
    }
}
