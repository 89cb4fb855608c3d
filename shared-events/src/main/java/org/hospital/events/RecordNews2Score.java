package org.hospital.events;

/**
 * The encounter's NEWS2 changed after a reading. Sent only when the score or risk changes, so that the views can show
 * the current score without an event per reading. {@code monitoringIntervalMinutes} is the longest gap between
 * observations the alerting side allows at this score (RCP 2017 chart 4, "continuous" as configured there); null from
 * senders older than the field.
 */
public record RecordNews2Score(long encounterId, long readingId, int score, String risk, News2Breakdown breakdown,
                               Integer monitoringIntervalMinutes) implements AlertCommand {
}
