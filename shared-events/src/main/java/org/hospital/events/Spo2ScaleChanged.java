package org.hospital.events;

import java.time.Instant;

/**
 * A clinician chose the SpO2 scale for NEWS2 (1, or 2 for confirmed hypercapnic respiratory failure; RCP 2017).
 */
public record Spo2ScaleChanged(long encounterId, long patientId, int scale, long changedBy, Instant changedAt)
        implements EncounterEvent {
}
