package org.hospital.query.board;

import java.time.Instant;
import java.util.List;

/**
 * An encounter's vital signs and NEWS2 scores over the last hours (docs/api.md, {@code GET /encounters/{id}/trend}):
 * the newest reading of each minute, oldest first, so that a monitor sending every second still gives at most 1,440
 * points a day; and every NEWS2 score of the window, placed at the time of measurement of the reading it scored.
 */
record Trend(long encounterId, Instant from, Instant to, List<Reading> readings, List<Score> news2) {

    record Reading(Instant timestamp, Integer hrBpm, Integer spo2Pct, Double tempC, Integer bpSystolic,
                   Integer bpDiastolic, Integer respRate, Boolean onOxygen, String consciousness) {
    }

    record Score(int score, String risk, String band, String bandLabel, Instant measuredAt, Instant scoredAt) {
    }
}
