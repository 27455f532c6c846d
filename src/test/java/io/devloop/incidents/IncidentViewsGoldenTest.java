package io.devloop.incidents;

import io.devloop.testing.FakeSlack;
import io.devloop.testing.Golden;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The incident messages people read, pinned as Block Kit JSON. Regenerate with -Dgolden.update=true. */
class IncidentViewsGoldenTest {
    private static final Instant STARTED = Instant.parse("2026-12-01T09:58:00Z");
    private static final Instant DECLARED = Instant.parse("2026-12-01T10:00:00Z");

    static Incident incident(String status, Instant acked, Instant mitigated, Instant resolved) {
        return new Incident(7, FakeSlack.TEAM, 4, "C0GENERAL", "Checkout returns 500 for card payments <script>", "checkout", 2,
                status, "Card payments fail for ~30% of EU users since the 09:55 deploy.", acked == null ? null : "U0BOB",
                "U0ALICE", STARTED, DECLARED, acked, mitigated, resolved, DECLARED, 11L, null, null, null, DECLARED);
    }

    @Test
    void the_open_card_matches_its_golden_file() {
        IncidentViews.Card card = IncidentViews.card(incident("investigating", null, null, null), false);
        assertThat(card.text()).isEqualTo("🟠 INC-4 SEV2 investigating: Checkout returns 500 for card payments &lt;script&gt;");
        Golden.assertMatches("incident-card-open.json", card.blocks());
    }

    @Test
    void the_resolved_card_shows_response_times_against_targets() {
        Incident resolved = incident("resolved", DECLARED.plusSeconds(90), DECLARED.plusSeconds(8 * 60), DECLARED.plusSeconds(21 * 60));
        IncidentViews.Card card = IncidentViews.card(resolved, true);
        assertThat(IncidentViews.times(resolved)).isEqualTo("*Response times*\n"
                + "• Time to detect: *2 min* ✅ (target < 5 min)\n"
                + "• Time to acknowledge: *1 min*\n"
                + "• Time to resolve: *23 min* ⚠️ (target < 15 min)");
        Golden.assertMatches("incident-card-resolved.json", card.blocks());
    }

    @Test
    void the_rollback_notification_and_the_status_reminder_match_their_golden_files() {
        Rollback started = new Rollback(3, FakeSlack.TEAM, "C0GENERAL", "payments", "v1.5.0", "v1.4.2", "error rate 5%",
                "U0ALICE", 7L, Rollback.STARTED, DECLARED, null, null, 12L);
        Golden.assertMatches("rollback-notification.json",
                RollbackViews.notification(started, Optional.of(incident("investigating", null, null, null))).blocks());
        Golden.assertMatches("incident-update-reminder.json",
                IncidentViews.updateReminder(incident("identified", DECLARED, null, null), DECLARED.plusSeconds(31 * 60)).blocks());
    }

    @Test
    void the_incident_modals_match_their_golden_files() {
        Golden.assertMatches("incident-declare-modal.json", IncidentModals.declare(
                new IncidentModals.DeclarePrefill("C0GENERAL", "HighErrorRate: checkout", "checkout", Severity.SEV1, null)));
        Golden.assertMatches("incident-learning-modal.json", IncidentModals.learning(incident("resolved", DECLARED, null,
                DECLARED.plusSeconds(600)), null));
    }

    @Test
    void human_durations() {
        assertThat(List.of(45L, 600L, 7500L, 200_000L).stream().map(s -> io.devloop.slack.SlackText.duration(java.time.Duration.ofSeconds(s))))
                .containsExactly("45 s", "10 min", "2 h 5 min", "2 d 7 h");
    }
}
