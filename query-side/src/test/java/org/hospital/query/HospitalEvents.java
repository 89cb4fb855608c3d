package org.hospital.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertResolved;
import org.hospital.events.DoctorRegistered;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientRegistered;
import org.hospital.events.VitalsRecorded;

/** Event fixtures with the values tests care about as parameters and plausible values for the rest. */
public final class HospitalEvents {

    private HospitalEvents() {
    }

    public static PatientRegistered patientRegistered(long patientId, String name, LocalDate dateOfBirth) {
        return new PatientRegistered(patientId, name, dateOfBirth, "F");
    }

    public static DoctorRegistered doctorRegistered(long doctorId) {
        return new DoctorRegistered(doctorId, "Dr. Gregory House", null);
    }

    public static PatientAdmitted admitted(long encounterId, long patientId, long doctorId, String ward,
                                           Instant admittedAt) {
        return new PatientAdmitted(encounterId, patientId, doctorId, encounterId + 500, "101A", ward, admittedAt);
    }

    public static PatientDischarged discharged(PatientAdmitted admission, Instant dischargedAt) {
        return new PatientDischarged(admission.encounterId(), admission.patientId(), admission.roomId(),
                dischargedAt);
    }

    public static VitalsRecorded reading(long readingId, PatientAdmitted admission, Instant timestamp, int hrBpm) {
        return new VitalsRecorded(readingId, admission.encounterId(), admission.patientId(), timestamp, hrBpm, 98,
                37.0, 120, 80, 16, false, "A", List.of(), timestamp.plusSeconds(1), "device:1");
    }

    public static ObservationRecorded observation(long observationId, PatientAdmitted admission, String note,
                                                  Instant createdAt) {
        return new ObservationRecorded(observationId, admission.encounterId(), admission.patientId(),
                admission.doctorId(), note, createdAt);
    }

    public static AlertRaised alertRaised(long alertId, PatientAdmitted admission, Instant timestamp) {
        return new AlertRaised(alertId, admission.encounterId(), admission.patientId(), "TACHYCARDIA", "high",
                "High Heart Rate detected: 140 BPM", timestamp, alertId + 7, timestamp.plusSeconds(1));
    }

    public static AlertAcknowledged acknowledged(AlertRaised alert, Instant at) {
        return new AlertAcknowledged(alert.alertId(), alert.encounterId(), alert.patientId(), 2, at);
    }

    public static AlertResolved resolved(AlertRaised alert, Instant at) {
        return new AlertResolved(alert.alertId(), alert.encounterId(), alert.patientId(), 2, "treated", at);
    }
}
