package org.hospital.events;

import java.time.Instant;

/** The encounter ended and its room became free. */
public record PatientDischarged(long encounterId, long patientId, long roomId, Instant dischargedAt)
        implements EncounterEvent {
}
