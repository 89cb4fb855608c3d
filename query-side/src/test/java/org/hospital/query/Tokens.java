package org.hospital.query;

import org.hospital.platform.security.AccessTokens;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;

/** {@code Authorization} header values for each kind of caller, signed like the login endpoint signs them. */
public record Tokens(AccessTokens tokens) {

    public String admin() {
        return bearer(new CurrentUser(1L, "admin", Role.ADMIN, null, null, null, null, null, null));
    }

    public String doctor(long doctorId) {
        return bearer(new CurrentUser(2L, "dr_house", Role.DOCTOR, doctorId, null, null, null, null, null));
    }

    public String nurse(String ward) {
        return bearer(new CurrentUser(3L, "nurse_joy", Role.NURSE, null, 7L, ward, null, null, null));
    }

    public String patient(long patientId) {
        return bearer(new CurrentUser(4L, "patient_1", Role.PATIENT, null, null, null, patientId, null, null));
    }

    /** A doctor account of its own, for tests that count or separate what each user holds. */
    public String doctor(long userId, long doctorId) {
        return bearer(new CurrentUser(userId, "doctor-" + userId, Role.DOCTOR, doctorId, null, null, null, null, null));
    }

    /** A nurse account of its own, for tests that count or separate what each user holds. */
    public String nurse(long userId, String ward) {
        return bearer(new CurrentUser(userId, "nurse-" + userId, Role.NURSE, null, userId, ward, null, null, null));
    }

    public String auditor() {
        return bearer(new CurrentUser(5L, "auditor", Role.AUDITOR, null, null, null, null, null, null));
    }

    private String bearer(CurrentUser user) {
        return "Bearer " + tokens.issue(user);
    }
}
