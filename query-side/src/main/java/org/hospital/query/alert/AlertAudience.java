package org.hospital.query.alert;

import org.hospital.platform.security.CurrentUser;

/**
 * Whose alert changes a stream carries (docs/api.md, Roles ownership, applied to the ward and attending doctor recorded
 * with each change): an admin's all of them, a nurse's those on her ward, a doctor's those of encounters he attends.
 * Anyone else, or a nurse or doctor account without its link, receives nothing. Changes are filtered in SQL when a
 * client catches up and with {@link #mayReceive} when they arrive live; both say the same.
 */
record AlertAudience(boolean everything, String ward, Long doctorId) {

    static final AlertAudience NOBODY = new AlertAudience(false, null, null);

    static AlertAudience of(CurrentUser user) {
        if (user == null || user.role() == null) {
            return NOBODY;
        }
        return switch (user.role()) {
            case ADMIN -> new AlertAudience(true, null, null);
            case NURSE -> user.ward() == null ? NOBODY : new AlertAudience(false, user.ward(), null);
            case DOCTOR -> user.doctorId() == null ? NOBODY : new AlertAudience(false, null, user.doctorId());
            default -> NOBODY;
        };
    }

    boolean mayReceive(AlertChange change) {
        if (everything) {
            return true;
        }
        if (ward != null) {
            return ward.equals(change.ward());
        }
        return doctorId != null && doctorId.equals(change.doctorId());
    }

    /** The SQL condition equivalent to {@link #mayReceive}, with its parameters in {@link #sqlParameters}. */
    String sqlCondition() {
        if (everything) {
            return "TRUE";
        }
        if (ward != null) {
            return "ward = ?";
        }
        return doctorId != null ? "doctor_id = ?" : "FALSE";
    }

    Object[] sqlParameters() {
        if (everything) {
            return new Object[0];
        }
        return ward != null ? new Object[] {ward} : doctorId != null ? new Object[] {doctorId} : new Object[0];
    }
}
