package org.hospital.command.encounter;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The encounter commands that stay inside the command side. */
final class EncounterCommands {

    private EncounterCommands() {
    }

    /**
     * Admit a patient under a doctor, into {@code roomId} or, when it is null, into any free room. {@code onlyWard},
     * when set (a nurse admits), limits the rooms to that ward.
     */
    record AdmitPatient(long patientId, long doctorId, Long roomId, String onlyWard) {

        AdmitPatient(long patientId, long doctorId, Long roomId) {
            this(patientId, doctorId, roomId, null);
        }
    }

    record DischargePatient(long encounterId) {

        @TargetAggregateIdentifier
        String aggregateId() {
            return Encounter.aggregateId(encounterId);
        }
    }

    record TransferPatient(long encounterId, long roomId) {

        @TargetAggregateIdentifier
        String aggregateId() {
            return Encounter.aggregateId(encounterId);
        }
    }

    /** A clinician ({@code userId}, the user account) chooses the NEWS2 SpO2 scale of an encounter. */
    record ChangeSpo2Scale(long encounterId, int scale, long userId, Instant at) {

        @TargetAggregateIdentifier
        String aggregateId() {
            return Encounter.aggregateId(encounterId);
        }
    }
}
