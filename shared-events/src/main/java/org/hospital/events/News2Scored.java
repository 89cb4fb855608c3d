package org.hospital.events;

import java.time.Instant;

/**
 * The encounter's NEWS2 aggregate score changed; {@code risk} is low, low-medium, medium or high (RCP 2017 chart 3);
 * {@code monitoringIntervalMinutes} is when the next observations are due after a measurement at this score, as the
 * alerting side raises OBSERVATIONS_OVERDUE (null in events stored before the field existed).
 */
public record News2Scored(long encounterId, long patientId, long readingId, int score, String risk,
                          News2Breakdown breakdown, Instant scoredAt, Integer monitoringIntervalMinutes)
        implements EncounterEvent {
}
