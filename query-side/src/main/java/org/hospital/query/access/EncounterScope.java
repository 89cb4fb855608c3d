package org.hospital.query.access;

/** The facts about an encounter that decide who may read it: its patient, attending doctor and ward. */
public record EncounterScope(long encounterId, long patientId, long doctorId, String ward) {
}
