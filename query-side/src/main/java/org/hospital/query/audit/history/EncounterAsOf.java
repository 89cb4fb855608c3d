package org.hospital.query.audit.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An encounter as it was at {@code asOf}, replayed from its history. {@code status} is null when the encounter had not
 * begun yet. {@code latestVitals} has one entry per parameter (snake_case names as in docs/api.md, Readings), null when
 * the parameter was never measured. {@code lastSequence} is the last history entry applied (null: none).
 */
record EncounterAsOf(long encounterId, Instant asOf, String status, Long patientId, Long doctorId, Room room,
                      Instant admittedAt, Instant dischargedAt, Map<String, Measurement> latestVitals, News2 news2,
                      int spo2Scale, List<OpenAlert> openAlerts, int observationsCount, int eventsApplied,
                      Long lastSequence) {

    record Room(long id, String roomNumber, String ward) {
    }

    /** The latest value of one parameter by time of measurement, and the reading it came from. */
    record Measurement(Object value, Instant timestamp, long readingId) {
    }

    record News2(int score, String risk, Instant scoredAt) {
    }

    /** An alert raised and not resolved by then; {@code status} is open or acknowledged. */
    record OpenAlert(long id, String type, String severity, String message, Instant timestamp, String status,
                     boolean acknowledged, int occurrences, Instant lastSeenAt, int escalationLevel) {
    }
}
