package org.hospital.command.alert;

import java.util.Optional;

/** Maps the saga's deterministic alert keys to alert ids, once: a key seen before yields nothing. */
interface AlertKeys {

    /** A new alert id for a key never seen, or empty for a known key. */
    Optional<Long> allocate(String alertKey);
}
