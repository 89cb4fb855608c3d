package org.hospital.platform.security;

import java.util.Locale;

/** The roles of docs/api.md, Roles. On the wire and in tokens a role is its lower-case name. */
public enum Role {
    ADMIN, DOCTOR, NURSE, PATIENT, DEVICE, AUDITOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public static Role fromWireName(String value) {
        return Role.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
