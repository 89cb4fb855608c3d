package org.hospital.command.vitals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vitals ingestion ({@code hospital.vitals.*}). A device may send {@code deviceReadingsPerSecond} readings a second
 * with bursts of {@code deviceBurst} (at least one full batch). Readings from concurrent requests are stored
 * together: {@code writers} groups are stored at a time (each is one transaction); a group takes up to
 * {@code maxGroupReadings} readings from the requests waiting; beyond {@code maxWaitingReadings} waiting readings new
 * requests are refused with 503 instead of queueing without bound.
 * <p>
 * At the door ({@link AlertPathAdmissionFilter}; docs/architecture.md, Under overload) readings are refused with 503
 * while more than {@code maxInFlight} requests are in flight, while a
 * request has waited longer than {@code maxQueueWait} for a writer, and, for what the alert path cannot take, while
 * it is more than {@code alertLagTarget} behind and falling further ({@link AlertPathAdmission}; zero turns that off).
 */
@ConfigurationProperties("hospital.vitals")
record VitalsSettings(@DefaultValue("2") int writers,
                           @DefaultValue("1000") int maxGroupReadings,
                           @DefaultValue("20000") int maxWaitingReadings,
                           @DefaultValue("20") double deviceReadingsPerSecond,
                           @DefaultValue("3000") int deviceBurst,
                           @DefaultValue("1s") Duration alertLagTarget,
                           @DefaultValue("1s") Duration maxQueueWait,
                           @DefaultValue("300") int maxInFlight) {

    VitalsSettings {
        if (writers < 1 || maxGroupReadings < VitalsController.MAX_BATCH || maxWaitingReadings < maxGroupReadings
                || deviceReadingsPerSecond <= 0 || deviceBurst < VitalsController.MAX_BATCH
                || alertLagTarget == null || alertLagTarget.isNegative()
                || maxQueueWait == null || !maxQueueWait.isPositive() || maxInFlight < 1) {
            throw new IllegalArgumentException("hospital.vitals: writers >= 1, max-group-readings >= "
                    + VitalsController.MAX_BATCH + ", max-waiting-readings >= max-group-readings, "
                    + "device-readings-per-second > 0, device-burst >= " + VitalsController.MAX_BATCH
                    + ", alert-lag-target >= 0, max-queue-wait > 0 and max-in-flight >= 1");
        }
    }
}
