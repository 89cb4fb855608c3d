package org.hospital.alerting.saga;

import java.time.Instant;
import java.util.List;
import org.hospital.events.VitalsRecorded;

/** A recorded reading for tests: {@code reading(5001).of(encounter, patient).heartRate(140).at(now).build()}. */
final class ReadingBuilder {

    private final long readingId;
    private long encounterId;
    private long patientId;
    private Instant measuredAt;
    private Instant receivedAt;
    private Integer hrBpm;
    private Integer spo2Pct;
    private Double tempC;
    private Integer respRate;
    private List<String> deviceFlags = List.of();

    private ReadingBuilder(long readingId) {
        this.readingId = readingId;
    }

    static ReadingBuilder reading(long readingId) {
        return new ReadingBuilder(readingId);
    }

    ReadingBuilder of(long encounter, long patient) {
        this.encounterId = encounter;
        this.patientId = patient;
        return this;
    }

    /** Measured and received at the same instant. */
    ReadingBuilder at(Instant instant) {
        this.measuredAt = instant;
        this.receivedAt = instant;
        return this;
    }

    ReadingBuilder measuredAt(Instant instant) {
        this.measuredAt = instant;
        return this;
    }

    ReadingBuilder heartRate(int value) {
        this.hrBpm = value;
        return this;
    }

    ReadingBuilder spo2(int value) {
        this.spo2Pct = value;
        return this;
    }

    ReadingBuilder temperature(double value) {
        this.tempC = value;
        return this;
    }

    ReadingBuilder respiratoryRate(int value) {
        this.respRate = value;
        return this;
    }

    ReadingBuilder flags(String... flags) {
        this.deviceFlags = List.of(flags);
        return this;
    }

    VitalsRecorded build() {
        return new VitalsRecorded(readingId, encounterId, patientId, measuredAt, hrBpm, spo2Pct, tempC, null, null,
                respRate, false, "A", deviceFlags, receivedAt, "device:1");
    }
}
