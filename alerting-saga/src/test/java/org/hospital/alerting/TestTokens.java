package org.hospital.alerting;

import org.hospital.platform.security.AccessTokens;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;

/** {@code Authorization} header values for a caller of each role, signed as the command side's sign-in signs them. */
public record TestTokens(AccessTokens tokens) {

    public String bearer(Role role) {
        CurrentUser user = new CurrentUser((long) role.ordinal() + 1, role.wireName(), role,
                role == Role.DOCTOR ? 1L : null, role == Role.NURSE ? 1L : null, role == Role.NURSE ? "ICU" : null,
                role == Role.PATIENT ? 1L : null, null, null);
        return "Bearer " + tokens.issue(user);
    }
}
