package org.hospital.command.encounter;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Store one reading on an encounter. {@code readingId} was taken from its sequence; {@code source} is
 * {@code device:<id>} or {@code user:<id>}.
 */
public record RecordVitals(long readingId, long encounterId, long patientId, Instant timestamp, Integer hrBpm,
                           Integer spo2Pct, Double tempC, Integer bpSystolic, Integer bpDiastolic, Integer respRate,
                           Boolean onOxygen, String consciousness, List<String> deviceFlags, Instant receivedAt,
                           String source) {

    @TargetAggregateIdentifier
    String aggregateId() {
        return Encounter.aggregateId(encounterId);
    }
}
