package org.hospital.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadAccessRulesTest {

    private static final EncounterScope ICU_ENCOUNTER_OF_PATIENT_1_UNDER_DOCTOR_2 =
            new EncounterScope(10, 1, 2, "ICU");

    private static final CurrentUser ADMIN = user(Role.ADMIN, null, null, null);
    private static final CurrentUser ATTENDING_DOCTOR = user(Role.DOCTOR, 2L, null, null);
    private static final CurrentUser OTHER_DOCTOR = user(Role.DOCTOR, 3L, null, null);
    private static final CurrentUser DOCTOR_WITHOUT_LINK = user(Role.DOCTOR, null, null, null);
    private static final CurrentUser ICU_NURSE = user(Role.NURSE, null, "ICU", null);
    private static final CurrentUser GENERAL_NURSE = user(Role.NURSE, null, "General", null);
    private static final CurrentUser NURSE_WITHOUT_WARD = user(Role.NURSE, null, null, null);
    private static final CurrentUser ICU_NURSE_WRONG_CASE = user(Role.NURSE, null, "icu", null);
    private static final CurrentUser PATIENT_1 = user(Role.PATIENT, null, null, 1L);
    private static final CurrentUser PATIENT_2 = user(Role.PATIENT, null, null, 2L);
    private static final CurrentUser DEVICE = CurrentUser.device(7, 5);
    private static final CurrentUser AUDITOR = user(Role.AUDITOR, null, null, null);

    static Stream<Arguments> encounterReaders() {
        return Stream.of(
                Arguments.of("admin", ADMIN, true),
                Arguments.of("attending doctor", ATTENDING_DOCTOR, true),
                Arguments.of("another doctor", OTHER_DOCTOR, false),
                Arguments.of("doctor account without doctor id", DOCTOR_WITHOUT_LINK, false),
                Arguments.of("nurse on the encounter's ward", ICU_NURSE, true),
                Arguments.of("nurse on another ward", GENERAL_NURSE, false),
                Arguments.of("nurse without ward", NURSE_WITHOUT_WARD, false),
                Arguments.of("nurse whose ward differs in case", ICU_NURSE_WRONG_CASE, false),
                Arguments.of("the encounter's own patient", PATIENT_1, false),
                Arguments.of("another patient", PATIENT_2, false),
                Arguments.of("device", DEVICE, false),
                Arguments.of("auditor", AUDITOR, false),
                Arguments.of("nobody", null, false));
    }

    @ParameterizedTest(name = "{0} may see the encounter: {2}")
    @MethodSource("encounterReaders")
    void decidesWhoMaySeeAnEncounter(String who, CurrentUser user, boolean allowed) {
        assertThat(ReadAccessRules.maySeeEncounter(user, ICU_ENCOUNTER_OF_PATIENT_1_UNDER_DOCTOR_2))
                .isEqualTo(allowed);
    }

    static Stream<Arguments> patientReaders() {
        EncounterScope active = ICU_ENCOUNTER_OF_PATIENT_1_UNDER_DOCTOR_2;
        return Stream.of(
                Arguments.of("admin, patient admitted", ADMIN, active, true),
                Arguments.of("admin, patient not admitted", ADMIN, null, true),
                Arguments.of("the patient, admitted", PATIENT_1, active, true),
                Arguments.of("the patient, not admitted", PATIENT_1, null, true),
                Arguments.of("another patient", PATIENT_2, active, false),
                Arguments.of("attending doctor", ATTENDING_DOCTOR, active, true),
                Arguments.of("attending doctor after discharge", ATTENDING_DOCTOR, null, false),
                Arguments.of("another doctor", OTHER_DOCTOR, active, false),
                Arguments.of("nurse on the ward", ICU_NURSE, active, true),
                Arguments.of("nurse on the ward after discharge", ICU_NURSE, null, false),
                Arguments.of("nurse on another ward", GENERAL_NURSE, active, false),
                Arguments.of("device", DEVICE, active, false),
                Arguments.of("auditor", AUDITOR, active, false),
                Arguments.of("nobody", null, active, false));
    }

    @ParameterizedTest(name = "{0} may see patient 1: {3}")
    @MethodSource("patientReaders")
    void decidesWhoMaySeeAPatient(String who, CurrentUser user, EncounterScope activeEncounter, boolean allowed) {
        assertThat(ReadAccessRules.maySeePatient(user, 1, activeEncounter)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} may see patient 2 through patient 1's encounter: false")
    @MethodSource("encounterReaders")
    void neverGrantsAPatientThroughSomeoneElsesEncounter(String who, CurrentUser user, boolean ignored) {
        boolean allowed = ReadAccessRules.maySeePatient(user, 2, ICU_ENCOUNTER_OF_PATIENT_1_UNDER_DOCTOR_2);
        assertThat(allowed).isEqualTo(user == ADMIN || user == PATIENT_2);
    }

    static Stream<Arguments> doctorListReaders() {
        return Stream.of(
                Arguments.of("admin", ADMIN, true),
                Arguments.of("the doctor", ATTENDING_DOCTOR, true),
                Arguments.of("another doctor", OTHER_DOCTOR, false),
                Arguments.of("doctor account without doctor id", DOCTOR_WITHOUT_LINK, false),
                Arguments.of("nurse", ICU_NURSE, false),
                Arguments.of("patient", PATIENT_1, false),
                Arguments.of("device", DEVICE, false),
                Arguments.of("nobody", null, false));
    }

    @ParameterizedTest(name = "{0} may list doctor 2's patients: {2}")
    @MethodSource("doctorListReaders")
    void decidesWhoMayListADoctorsPatients(String who, CurrentUser user, boolean allowed) {
        assertThat(ReadAccessRules.mayListPatientsOf(user, 2)).isEqualTo(allowed);
    }

    private static CurrentUser user(Role role, Long doctorId, String ward, Long patientId) {
        return new CurrentUser(100L, role.wireName(), role, doctorId, ward == null ? null : 50L, ward, patientId,
                null, null);
    }
}
