package org.hospital.query.alert;

import java.util.Locale;

/** An alert's lifecycle state; on the wire and in the view its lower-case name. */
enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    /** The values the {@code status} filter accepts, for validation. */
    static final String WIRE_PATTERN = "open|acknowledged|resolved";

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
