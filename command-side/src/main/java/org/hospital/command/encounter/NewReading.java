package org.hospital.command.encounter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One reading to record on an encounter, as the aggregate takes it ({@link Encounter#record}; stored by
 * {@code vitals.ReadingsHandler}). {@code readingId} was taken from its sequence; {@code source} is
 * {@code device:<id>} or {@code user:<id>}; {@code idempotencyKey} is the sender's optional retry key.
 * {@code auditMetadata} (keys of {@code EventMetadata}: who sent it, through which request, from where) goes onto the
 * reading's event: readings of several requests can be stored by one command, so the command's own metadata cannot
 * tell their senders apart.
 */
public record NewReading(long readingId, long encounterId, long patientId, Instant timestamp, Integer hrBpm,
                         Integer spo2Pct, Double tempC, Integer bpSystolic, Integer bpDiastolic, Integer respRate,
                         Boolean onOxygen, String consciousness, List<String> deviceFlags, Instant receivedAt,
                         String source, String idempotencyKey, Map<String, Object> auditMetadata) {

    public NewReading {
        deviceFlags = deviceFlags == null ? List.of() : List.copyOf(deviceFlags);
        auditMetadata = auditMetadata == null ? Map.of() : Map.copyOf(auditMetadata);
    }
}
