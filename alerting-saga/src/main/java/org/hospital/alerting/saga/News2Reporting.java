package org.hospital.alerting.saga;

import java.time.Duration;
import java.util.Objects;
import org.hospital.alerting.rules.News2;
import org.hospital.alerting.rules.News2Score;
import org.hospital.events.News2Breakdown;
import org.hospital.events.RecordNews2Score;

/**
 * An encounter's NEWS2 as the alerting side sees it: scored over the latest value of each parameter still fresh at
 * the newest measurement, and reported to the command side only when the score or its risk band changes.
 * <p>
 * <b>Partial NEWS2.</b> RCP 2017 defines NEWS2 on a complete set of the seven parameters. A bedside monitor sends
 * pulse, SpO2, respiration and blood pressure every few seconds while temperature and consciousness come from the
 * nurse's rounds, so a complete fresh set is often not available. Each sub-score is at least 0, so the sum over the
 * fresh parameters is a lower bound of the full score: this scores what is fresh, raises the NEWS2 alerts when
 * even that lower bound reaches a band (never a false alarm from missing data), says in the alert's message which
 * parameters were missing, and reports the score with the missing ones null in the breakdown. Missing parameters
 * cannot hide a deterioration forever: OBSERVATIONS_OVERDUE fires when readings stop.
 */
final class News2Reporting {

    private final Duration freshness;

    News2Reporting(Duration freshness) {
        this.freshness = freshness;
    }

    /** NEWS2 over the latest fresh values, as of the newest measurement; null before any reading. */
    News2Score current(EncounterState state) {
        if (state.newestMeasuredAt() == null) {
            return null;
        }
        return News2.score(state.vitals().freshAt(state.newestMeasuredAt(), freshness, state.spo2Scale()));
    }

    /**
     * Asks the command side to record {@code score} for {@code readingId}, with its monitoring {@code interval}, if it
     * differs from the last reported.
     */
    void reportIfChanged(Decision.Builder next, News2Score score, Duration interval, long readingId) {
        EncounterState state = next.state();
        String risk = score.risk().wireName();
        if (Objects.equals(state.news2Score(), score.aggregate()) && Objects.equals(state.news2Risk(), risk)) {
            return;
        }
        // The interval goes with the score so that the views show observations due when this side will call them
        // overdue, whatever its continuous-monitoring setting.
        next.send(new RecordNews2Score(state.encounterId(), readingId, score.aggregate(), risk, breakdownOf(score),
                Math.toIntExact(interval.toMinutes())));
        next.state(state.withReportedNews2(score.aggregate(), risk));
    }

    static News2Breakdown breakdownOf(News2Score score) {
        return new News2Breakdown(score.respirationRate(), score.spo2(), score.airOrOxygen(), score.systolicBp(),
                score.pulse(), score.consciousness(), score.temperature(), score.spo2Scale());
    }
}
