package org.hospital.command.alert;

import java.util.List;

/**
 * The alert severities of docs/api.md, Alert rules, lowest first. A severity the command side does not know ranks as
 * the most urgent, never the least (as the alerting saga treats it), so a misspelt severity can never lower an alert.
 */
final class Severities {

    static final List<String> KNOWN = List.of("medium", "high", "critical");

    private Severities() {
    }

    static boolean isKnown(String severity) {
        return KNOWN.contains(severity);
    }

    /** The more urgent of the two; the current one when they rank the same. */
    static String higher(String current, String requested) {
        return rank(requested) > rank(current) ? requested : current;
    }

    private static int rank(String severity) {
        int index = KNOWN.indexOf(severity);
        return index >= 0 ? index : KNOWN.size();
    }
}
