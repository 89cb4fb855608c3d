package org.hospital.events;

import java.time.Instant;
import java.util.List;

/** The plain-JSON record on the {@link Topics#VITALS_STREAM} topic: the reading as accepted plus id and receipt time. */
public record VitalsStreamRecord(long id, long patientId, long encounterId, Instant timestamp, Integer hrBpm,
                                 Integer spo2Pct, Double tempC, Integer bpSystolic, Integer bpDiastolic,
                                 Integer respRate, Boolean onOxygen, String consciousness, List<String> deviceFlags,
                                 Instant receivedAt) {

    public static VitalsStreamRecord of(VitalsRecorded event) {
        return new VitalsStreamRecord(event.readingId(), event.patientId(), event.encounterId(), event.timestamp(),
                event.hrBpm(), event.spo2Pct(), event.tempC(), event.bpSystolic(), event.bpDiastolic(),
                event.respRate(), event.onOxygen(), event.consciousness(), event.deviceFlags(), event.receivedAt());
    }
}
