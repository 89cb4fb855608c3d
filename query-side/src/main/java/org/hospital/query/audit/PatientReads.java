package org.hospital.query.audit;

import java.util.List;

/**
 * The query side's reads of patient data, listed once: every one is written to the access log
 * ({@code audit.access}), and those answered from the projections' views answer 503 while the views are rebuilt
 * ({@code audit.rebuild}). A new read is added here, saying which it is.
 */
public final class PatientReads {

    private record Read(String pathPattern, boolean fromRebuiltViews) {
    }

    private static final List<Read> READS = List.of(
            new Read("/doctors/*/patients", true),
            new Read("/encounters/*/overview", true),
            new Read("/encounters/*/alerts", true),
            new Read("/encounters/*/observations", true),
            new Read("/patients/*/encounter", true),
            new Read("/patients/*/vitals/recent", true),
            new Read("/board", true),
            new Read("/encounters/*/trend", true),
            new Read("/fhir/r4/**", true),
            // Not rebuilt: the history reads audit_event, the stream view_alert_changes, the log itself its chain.
            new Read("/encounters/*/history", false),
            new Read("/alerts/stream", false),
            new Read("/patients/*/access-log", false));

    private PatientReads() {
    }

    /** Under the patterns above but naming no patient: the FHIR CapabilityStatement describes the server. */
    public static String[] exceptions() {
        return new String[] {"/fhir/r4/metadata"};
    }

    /** Every read of patient data, as path patterns. */
    public static String[] all() {
        return READS.stream().map(Read::pathPattern).toArray(String[]::new);
    }

    /** The reads answered from the rebuilt views, as path patterns. */
    public static String[] fromRebuiltViews() {
        return READS.stream().filter(Read::fromRebuiltViews).map(Read::pathPattern).toArray(String[]::new);
    }
}
