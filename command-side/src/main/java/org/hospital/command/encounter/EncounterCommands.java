package org.hospital.command.encounter;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The encounter commands that stay inside the command side. */
final class EncounterCommands {

    private EncounterCommands() {
    }

    /** Admit a patient under a doctor, into {@code roomId} or, when it is null, into any free room. */
    record AdmitPatient(long patientId, long doctorId, Long roomId) {
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
}
