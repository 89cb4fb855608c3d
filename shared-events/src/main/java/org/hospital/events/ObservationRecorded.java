package org.hospital.events;

import java.time.Instant;

/** A clinician wrote an observation note on an encounter. */
public record ObservationRecorded(long observationId, long encounterId, long patientId, long authorId, String note,
                                  Instant createdAt) implements EncounterEvent {
}
