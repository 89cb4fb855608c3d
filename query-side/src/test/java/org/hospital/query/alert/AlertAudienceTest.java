package org.hospital.query.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlertAudienceTest {

    /** A change on the ICU ward, of an encounter attended by doctor 2. */
    private static final AlertChange ICU_CHANGE_OF_DOCTOR_2 = new AlertChange(1, "ICU", 2L, null);

    static Stream<Arguments> receivers() {
        return Stream.of(
                Arguments.of("admin", user(Role.ADMIN, null, null), true),
                Arguments.of("attending doctor", user(Role.DOCTOR, 2L, null), true),
                Arguments.of("another doctor", user(Role.DOCTOR, 3L, null), false),
                Arguments.of("doctor account without doctor id", user(Role.DOCTOR, null, null), false),
                Arguments.of("nurse of the ward", user(Role.NURSE, null, "ICU"), true),
                Arguments.of("nurse of another ward", user(Role.NURSE, null, "General"), false),
                Arguments.of("nurse whose ward differs in case", user(Role.NURSE, null, "icu"), false),
                Arguments.of("nurse without ward", user(Role.NURSE, null, null), false),
                Arguments.of("patient", user(Role.PATIENT, null, null), false),
                Arguments.of("auditor", user(Role.AUDITOR, null, null), false),
                Arguments.of("device", CurrentUser.device(7, 5), false),
                Arguments.of("nobody", null, false));
    }

    @ParameterizedTest(name = "{0} receives the change: {2}")
    @MethodSource("receivers")
    void decidesWhoReceivesAChangeOnTheWardAndDoctorOfItsMoment(String who, CurrentUser user, boolean receives) {
        assertThat(AlertAudience.of(user).mayReceive(ICU_CHANGE_OF_DOCTOR_2)).isEqualTo(receives);
    }

    @ParameterizedTest(name = "{0} receives nothing of an encounter without ward or doctor")
    @MethodSource("receivers")
    void sendsAChangeWithoutWardOrDoctorToAdminsOnly(String who, CurrentUser user, boolean ignored) {
        boolean receives = AlertAudience.of(user).mayReceive(new AlertChange(1, null, null, null));

        assertThat(receives).isEqualTo(user != null && user.role() == Role.ADMIN);
    }

    private static CurrentUser user(Role role, Long doctorId, String ward) {
        return new CurrentUser(100L, role.wireName(), role, doctorId, ward == null ? null : 50L, ward, null, null,
                null);
    }
}
