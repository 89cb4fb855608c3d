package org.hospital.command.encounter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    /**
     * A digest of what was measured (not of the ids and times the server assigns), so that a retry of the same
     * reading is told apart from a different reading sent under the same key.
     */
    public String contentHash() {
        String content = String.join("|", String.valueOf(encounterId), String.valueOf(patientId),
                String.valueOf(timestamp), String.valueOf(hrBpm), String.valueOf(spo2Pct), String.valueOf(tempC),
                String.valueOf(bpSystolic), String.valueOf(bpDiastolic), String.valueOf(respRate),
                String.valueOf(onOxygen), String.valueOf(consciousness), String.join(",", deviceFlags), source);
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
