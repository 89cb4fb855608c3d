package org.hospital.query.board;

import java.time.Instant;
import java.util.List;

/**
 * One occupied bed as the board shows it (docs/api.md, {@code GET /board}): who lies there, the latest value of each
 * vital sign with its own time of measurement, the NEWS2 band, the unresolved alerts (most severe first) and when the
 * next observations are due.
 */
record BoardTile(long encounterId, Patient patient, Room room, String ward, Instant admittedAt, Vitals vitals,
                 News2 news2, List<Alert> alerts, AlertCounts alertCounts, Instant lastReadingAt,
                 Instant nextObservationDueAt, int urgency) {

    boolean overdueAt(Instant now) {
        return nextObservationDueAt != null && !nextObservationDueAt.isAfter(now);
    }

    record Patient(long id, String name, Integer age, String gender) {
    }

    record Room(long id, String roomNumber) {
    }

    /** A value and when it was measured. */
    record Measured<T>(T value, Instant measuredAt) {
    }

    record Vitals(Measured<Integer> hrBpm, Measured<Integer> spo2Pct, Measured<Double> tempC,
                  Measured<Integer> bpSystolic, Measured<Integer> bpDiastolic, Measured<Integer> respRate,
                  Measured<Boolean> onOxygen, Measured<String> consciousness) {
    }

    /** {@code band} is none, zero, low, red, medium or high; {@code bandLabel} says it in words. */
    record News2(int score, String risk, String band, String bandLabel, Instant scoredAt) {
    }

    record Alert(long id, String type, String severity, String message, String status, Instant timestamp,
                 int occurrences, Instant lastSeenAt) {
    }

    record AlertCounts(int critical, int high, int medium, int low) {
    }
}
