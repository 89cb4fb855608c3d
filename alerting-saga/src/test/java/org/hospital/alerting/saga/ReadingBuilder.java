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
    private Integer bpSystolic;
    private Integer bpDiastolic;
    private Boolean onOxygen = false;
    private String consciousness = "A";
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

    ReadingBuilder receivedAt(Instant instant) {
        this.receivedAt = instant;
        return this;
    }

    ReadingBuilder bloodPressure(Integer systolic, Integer diastolic) {
        this.bpSystolic = systolic;
        this.bpDiastolic = diastolic;
        return this;
    }

    ReadingBuilder systolic(int value) {
        this.bpSystolic = value;
        return this;
    }

    ReadingBuilder onOxygen(Boolean value) {
        this.onOxygen = value;
        return this;
    }

    ReadingBuilder consciousness(String value) {
        this.consciousness = value;
        return this;
    }

    /** All seven NEWS2 parameters at once (RCP 2017 chart 1 order). */
    ReadingBuilder news2(int respRate, int spo2, boolean oxygen, int systolic, int pulse, String acvpu, double temp) {
        this.respRate = respRate;
        this.spo2Pct = spo2;
        this.onOxygen = oxygen;
        this.bpSystolic = systolic;
        this.hrBpm = pulse;
        this.consciousness = acvpu;
        this.tempC = temp;
        return this;
    }

    /** A full set scoring 0: RR 16, SpO2 98 on air, SBP 120, pulse 70, alert, 37.0°C. */
    ReadingBuilder normal() {
        return news2(16, 98, false, 120, 70, "A", 37.0);
    }

    ReadingBuilder flags(String... flags) {
        this.deviceFlags = List.of(flags);
        return this;
    }

    VitalsRecorded build() {
        return new VitalsRecorded(readingId, encounterId, patientId, measuredAt, hrBpm, spo2Pct, tempC, bpSystolic,
                bpDiastolic, respRate, onOxygen, consciousness, deviceFlags, receivedAt, "device:1");
    }
}
