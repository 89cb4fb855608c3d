package org.hospital.command.registry;

import java.time.LocalDate;

/** The register's commands; each creates one small aggregate whose id was taken from its sequence. */
final class RegistryCommands {

    private RegistryCommands() {
    }

    record RegisterPatient(long patientId, String name, LocalDate dateOfBirth, String gender) {
    }

    record RegisterDoctor(long doctorId, String name, Long userId) {
    }

    record RegisterNurse(long nurseId, String name, String ward, Long userId) {
    }

    record AddRoom(long roomId, String roomNumber, String ward) {
    }
}
