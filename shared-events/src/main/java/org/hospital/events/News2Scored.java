package org.hospital.events;

import java.time.Instant;

/** The encounter's NEWS2 aggregate score changed; {@code risk} is low, low-medium, medium or high (RCP 2017 chart 3). */
public record News2Scored(long encounterId, long patientId, long readingId, int score, String risk,
                          News2Breakdown breakdown, Instant scoredAt) implements EncounterEvent {
}
