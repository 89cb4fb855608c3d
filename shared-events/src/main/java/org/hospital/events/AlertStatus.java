package org.hospital.events;

import java.util.Locale;

/** An alert's lifecycle state; on the wire (the API, the {@code alerts} topic) and in the views its lower-case name. */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    /** The wire names, for validating a status filter. */
    public static final String WIRE_PATTERN = "open|acknowledged|resolved";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
