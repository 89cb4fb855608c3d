package org.hospital.command.vitals;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How readings from concurrent requests are stored together ({@code hospital.vitals.*}). With {@code groupCommit}
 * false each request stores its readings alone, on its own thread (the benchmark's baseline). {@code writers} groups are
 * stored at a time (each is one transaction); a group takes up to {@code maxGroupReadings} readings from the
 * requests waiting; beyond {@code maxWaitingReadings} waiting readings new requests are refused with 503 instead of
 * queueing without bound.
 */
@ConfigurationProperties("hospital.vitals")
record GroupCommitSettings(@DefaultValue("true") boolean groupCommit,
                           @DefaultValue("2") int writers,
                           @DefaultValue("1000") int maxGroupReadings,
                           @DefaultValue("20000") int maxWaitingReadings) {

    GroupCommitSettings {
        if (writers < 1 || maxGroupReadings < VitalsController.MAX_BATCH || maxWaitingReadings < maxGroupReadings) {
            throw new IllegalArgumentException("hospital.vitals: writers >= 1, max-group-readings >= "
                    + VitalsController.MAX_BATCH + " and max-waiting-readings >= max-group-readings");
        }
    }
}
