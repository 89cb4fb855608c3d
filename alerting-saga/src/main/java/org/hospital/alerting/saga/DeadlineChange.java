package org.hospital.alerting.saga;

import java.time.Instant;

/**
 * A deadline {@link AlertingPolicy} asks to schedule or cancel. A schedule's id exists only once the deadline manager
 * has scheduled it, so the saga records it in the state after applying the change ({@link EncounterAlertingSaga}).
 */
sealed interface DeadlineChange {

    record ScheduleEscalation(EscalationDue due, Instant at) implements DeadlineChange {
    }

    record CancelEscalation(String scheduleId) implements DeadlineChange {
    }

    record ScheduleObservationsDue(ObservationsDue due, Instant at) implements DeadlineChange {
    }

    record CancelObservationsDue(String scheduleId) implements DeadlineChange {
    }
}
