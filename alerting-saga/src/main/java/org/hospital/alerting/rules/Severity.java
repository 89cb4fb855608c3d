package org.hospital.alerting.rules;

import java.util.Locale;

/** How urgently an alert needs a clinician, lowest first; the contract writes it in lower case. */
public enum Severity {
    MEDIUM, HIGH, CRITICAL;

    /** The spelling of docs/api.md, Kafka topics and Alert rules ({@code "high"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity a contract spelling names; an unknown spelling is treated as the most urgent, never the least. */
    public static Severity ofWireName(String name) {
        if (name != null) {
            for (Severity severity : values()) {
                if (severity.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return severity;
                }
            }
        }
        return CRITICAL;
    }
}
