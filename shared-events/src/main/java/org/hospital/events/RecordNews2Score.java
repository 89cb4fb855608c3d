package org.hospital.events;

/**
 * The encounter's NEWS2 changed after a reading. Sent only when the score or risk changes, so that the views can show
 * the current score without an event per reading.
 */
public record RecordNews2Score(long encounterId, long readingId, int score, String risk, News2Breakdown breakdown)
        implements AlertCommand {
}
