package org.hospital.command.vitals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vitals ingestion ({@code hospital.vitals.*}). A device may send {@code deviceReadingsPerSecond} readings a second
 * with bursts of {@code deviceBurst} (at least one full batch). How readings from concurrent requests are stored
 * together: with {@code groupCommit}
 * false each request stores its readings alone, on its own thread (the benchmark's baseline). {@code writers} groups are
 * stored at a time (each is one transaction); a group takes up to {@code maxGroupReadings} readings from the
 * requests waiting; beyond {@code maxWaitingReadings} waiting readings new requests are refused with 503 instead of
 * queueing without bound.
 */
@ConfigurationProperties("hospital.vitals")
record VitalsSettings(@DefaultValue("true") boolean groupCommit,
                           @DefaultValue("2") int writers,
                           @DefaultValue("1000") int maxGroupReadings,
                           @DefaultValue("20000") int maxWaitingReadings,
                           @DefaultValue("20") double deviceReadingsPerSecond,
                           @DefaultValue("3000") int deviceBurst) {

    VitalsSettings {
        if (writers < 1 || maxGroupReadings < VitalsController.MAX_BATCH || maxWaitingReadings < maxGroupReadings
                || deviceReadingsPerSecond <= 0 || deviceBurst < VitalsController.MAX_BATCH) {
            throw new IllegalArgumentException("hospital.vitals: writers >= 1, max-group-readings >= "
                    + VitalsController.MAX_BATCH + ", max-waiting-readings >= max-group-readings, "
                    + "device-readings-per-second > 0 and device-burst >= " + VitalsController.MAX_BATCH);
        }
    }
}
