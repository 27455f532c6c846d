package io.devloop.incidents;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentCommandsTest {
    private static final Function<String, Optional<String>> KNOWS_CHECKOUT =
            w -> w.equalsIgnoreCase("checkout") ? Optional.of("checkout") : Optional.empty();

    @Test
    void severity_only_as_the_first_word_and_service_only_when_known() {
        assertThat(IncidentCommands.declare("sev2 checkout Cart is down", KNOWS_CHECKOUT))
                .isEqualTo(new IncidentCommands.Declare(Optional.of(Severity.SEV2), "checkout", "Cart is down"));
        assertThat(IncidentCommands.declare("SEV1 payments are failing", KNOWS_CHECKOUT))
                .isEqualTo(new IncidentCommands.Declare(Optional.of(Severity.SEV1), null, "payments are failing"));
        assertThat(IncidentCommands.declare("Checkout is down after sev2 deploy", KNOWS_CHECKOUT))
                .isEqualTo(new IncidentCommands.Declare(Optional.empty(), "checkout", "is down after sev2 deploy"));
        assertThat(IncidentCommands.declare("2 regions down", KNOWS_CHECKOUT))
                .isEqualTo(new IncidentCommands.Declare(Optional.empty(), null, "2 regions down"));
        assertThat(IncidentCommands.declare("sev3", KNOWS_CHECKOUT))
                .isEqualTo(new IncidentCommands.Declare(Optional.of(Severity.SEV3), null, ""));
        assertThat(IncidentCommands.declare("sev5 something", KNOWS_CHECKOUT).severity()).isEmpty();
    }

    @Test
    void rollback_version_is_a_version_or_a_sha_otherwise_part_of_the_reason() {
        assertThat(IncidentCommands.rollback("payments v1.4.2 error rate 5%")).contains(
                new IncidentCommands.RollbackArgs("payments", "v1.4.2", "error rate 5%"));
        assertThat(IncidentCommands.rollback("payments 2.0.1-rc1")).contains(
                new IncidentCommands.RollbackArgs("payments", "2.0.1-rc1", null));
        assertThat(IncidentCommands.rollback("payments 9fceb02d0ae598e95dc970b74767f19372d61af8 bad build")).contains(
                new IncidentCommands.RollbackArgs("payments", "9fceb02d0ae598e95dc970b74767f19372d61af8", "bad build"));
        assertThat(IncidentCommands.rollback("payments error rate 5%")).contains(
                new IncidentCommands.RollbackArgs("payments", null, "error rate 5%"));
        assertThat(IncidentCommands.rollback("payments")).contains(new IncidentCommands.RollbackArgs("payments", null, null));
        assertThat(IncidentCommands.rollback("  ")).isEmpty();
    }

    @Test
    void incident_ids_parse_case_insensitively_with_padding() {
        assertThat(IncidentIds.parse("inc-4")).hasValue(4);
        assertThat(IncidentIds.parse("INC-004")).hasValue(4);
        assertThat(IncidentIds.parse("Inc42")).hasValue(42);
        assertThat(IncidentIds.parse("INC-0")).isEmpty();
        assertThat(IncidentIds.parse("incident")).isEmpty();
    }

    @Test
    void status_moves_only_forward_and_resolved_is_final() {
        assertThat(IncidentStatus.INVESTIGATING.canMoveTo(IncidentStatus.RESOLVED)).isTrue();
        assertThat(IncidentStatus.MITIGATED.canMoveTo(IncidentStatus.IDENTIFIED)).isFalse();
        assertThat(IncidentStatus.RESOLVED.canMoveTo(IncidentStatus.RESOLVED)).isFalse();
        assertThat(IncidentStatus.before(IncidentStatus.MITIGATED))
                .containsExactlyInAnyOrder(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED);
    }

    @Test
    void update_cadence_defaults_and_overrides() {
        assertThat(UpdateCadence.DEFAULT.of(Severity.SEV1)).contains(java.time.Duration.ofMinutes(15));
        assertThat(UpdateCadence.DEFAULT.of(Severity.SEV4)).isEmpty();
        UpdateCadence c = UpdateCadence.parse("sev1=10m, sev3=off, sev4=2h");
        assertThat(c.of(Severity.SEV1)).contains(java.time.Duration.ofMinutes(10));
        assertThat(c.of(Severity.SEV2)).contains(java.time.Duration.ofMinutes(30));
        assertThat(c.of(Severity.SEV3)).isEmpty();
        assertThat(c.of(Severity.SEV4)).contains(java.time.Duration.ofHours(2));
        org.assertj.core.api.ThrowableAssert.ThrowingCallable bad = () -> UpdateCadence.parse("sev1=soon");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(bad)).hasMessageContaining("DEVLOOP_INCIDENT_UPDATE_EVERY");
    }
}
