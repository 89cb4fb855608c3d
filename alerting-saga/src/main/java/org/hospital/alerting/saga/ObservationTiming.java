package org.hospital.alerting.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hospital.alerting.rules.AlertType;
import org.hospital.alerting.rules.Breach;
import org.hospital.alerting.rules.News2;
import org.hospital.alerting.rules.News2Score;

/**
 * When an encounter's next observations are due (one monitoring interval of its NEWS2 band after the newest
 * measurement, RCP 2017 chart 4) and whether they are overdue when the deadline fires.
 * <p>
 * The deadline is kept at or before the due time rather than moved by every reading: a reading that moves the due
 * time later leaves the deadline where it is, and the deadline re-checks when it fires (rescheduling on every reading
 * cost two database round trips per reading). A reading that makes observations due sooner moves it at once.
 */
final class ObservationTiming {

    private final Duration continuousInterval;

    ObservationTiming(Duration continuousInterval) {
        this.continuousInterval = continuousInterval;
    }

    /** How long after a measurement scored {@code score} the next observations are due. */
    Duration interval(News2Score score) {
        return News2.monitoringInterval(score, continuousInterval);
    }

    /** A reading scored with {@code interval} ({@link #interval}): keep the deadline at or before its next due time. */
    void afterReading(Decision.Builder next, Duration interval) {
        EncounterState state = next.state();
        Instant due = state.newestMeasuredAt().plus(interval);
        next.state(state.withOverdue(state.overdueScheduleId(), state.overdueDueAt(), interval.toMinutes()));
        if (state.overdueScheduleId() == null || state.overdueDueAt() == null || due.isBefore(state.overdueDueAt())) {
            reschedule(next, due);
        }
    }

    /** An overdue breach and when observations were due. */
    record Overdue(Breach breach, long readingId, Instant dueAt) {
    }

    /**
     * The deadline fired at {@code now}: either readings came in time (the deadline moves to the newest reading's due
     * time) or observations are overdue.
     */
    Optional<Overdue> onDeadline(Decision.Builder next, ObservationsDue due, Instant now) {
        EncounterState state = next.state();
        if (state.newestMeasuredAt() == null) {
            return Optional.empty();
        }
        long interval = state.overdueIntervalMinutes() != null ? state.overdueIntervalMinutes() : due.intervalMinutes();
        Instant dueAt = state.newestMeasuredAt().plus(Duration.ofMinutes(interval));
        if (dueAt.isAfter(now)) {
            // The schedule running now is deleted by db-scheduler when its handler returns, and cancelling it
            // meanwhile would fail: only its successor is scheduled.
            next.state(state.withOverdue(null, state.overdueDueAt(), interval));
            reschedule(next, dueAt);
            return Optional.empty();
        }
        next.needsCurrentState();
        next.state(state.withOverdue(null, null, interval));
        long minutes = Math.max(interval, Duration.between(state.newestMeasuredAt(), now).toMinutes());
        Breach breach = new Breach(AlertType.OBSERVATIONS_OVERDUE,
                "No observations for " + minutes + " minutes (NEWS2 band requires every " + interval + " minutes)",
                "OBSERVATIONS_OVERDUE: no reading within the NEWS2 monitoring interval (RCP 2017 chart 4)",
                Map.of("minutes_since_last_reading", (double) minutes, "required_interval_minutes", (double) interval));
        return Optional.of(new Overdue(breach, state.newestReadingId(), dueAt));
    }

    /** Discharge: nothing is due any more. */
    void cancel(Decision.Builder next) {
        EncounterState state = next.state();
        if (state.overdueScheduleId() != null) {
            next.deadline(new DeadlineChange.CancelObservationsDue(state.overdueScheduleId()));
            next.state(state.withOverdue(null, null, state.overdueIntervalMinutes()));
        }
    }

    private static void reschedule(Decision.Builder next, Instant due) {
        EncounterState state = next.state();
        if (state.overdueScheduleId() != null) {
            next.deadline(new DeadlineChange.CancelObservationsDue(state.overdueScheduleId()));
        }
        next.state(state.withOverdue(null, due, state.overdueIntervalMinutes()));
        next.deadline(new DeadlineChange.ScheduleObservationsDue(
                new ObservationsDue(state.newestReadingId(), state.overdueIntervalMinutes()), due));
    }
}
