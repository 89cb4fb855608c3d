package org.hospital.query.encounter;

import org.hospital.query.observation.ObservationView;
import org.hospital.query.vitals.VitalsReading;

/**
 * {@code GET /encounters/{id}/overview} (docs/api.md, Query side); absent parts are null, never omitted.
 * {@code spo2Scale} is an addition to the contract's shape: the SpO2 scale NEWS2 uses for this encounter (1 unless a
 * clinician chose 2), which a reader needs to interpret the score.
 */
record EncounterOverview(long encounterId, long patientId, VitalsReading latestVitals,
                         ObservationView lastObservation, long alertsCount, News2 news2, String status,
                         int spo2Scale) {

    /** The latest NEWS2 aggregate score and its clinical risk band (RCP 2017), as the alerting side reports it. */
    record News2(int score, String risk) {
    }
}
