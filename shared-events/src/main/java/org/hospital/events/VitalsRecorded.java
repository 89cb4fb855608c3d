package org.hospital.events;

import java.time.Instant;
import java.util.List;

/**
 * A vital-sign reading was accepted and durably stored. Every measurement is optional (at least one is present).
 * {@code timestamp} is the device's (or nurse's) time of measurement, {@code receivedAt} the server's time of
 * receipt; {@code source} names who sent it ({@code device:<id>} or {@code user:<id>}). {@code deviceFlags} name
 * measurements the device itself marked unreliable (for example {@code probe_off}).
 */
public record VitalsRecorded(long readingId, long encounterId, long patientId, Instant timestamp,
                             Integer hrBpm, Integer spo2Pct, Double tempC, Integer bpSystolic, Integer bpDiastolic,
                             Integer respRate, Boolean onOxygen, String consciousness, List<String> deviceFlags,
                             Instant receivedAt, String source) implements EncounterEvent {

    public VitalsRecorded {
        deviceFlags = deviceFlags == null ? List.of() : List.copyOf(deviceFlags);
    }
}
