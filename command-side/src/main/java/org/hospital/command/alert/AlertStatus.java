package org.hospital.command.alert;

import java.util.Locale;

/** An alert's state; on the wire its lower-case name. */
enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
