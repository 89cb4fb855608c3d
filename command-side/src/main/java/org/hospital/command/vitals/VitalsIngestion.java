package org.hospital.command.vitals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hospital.command.vitals.ReadingOutcome.Rejected;
import org.hospital.command.position.EventPositions;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.springframework.stereotype.Service;

/**
 * Checks what the request itself cannot show (a timestamp from a wrong clock) and hands the acceptable readings to
 * {@link ReadingGroupCommit}, which stores them with the readings of other requests ({@link ReadingGroupStorage}
 * checks the caller's access to each encounter). The request's {@code X-Event-Position} is the position the group
 * was stored at. A device beyond its reading rate ({@link DeviceIngestLimit}) is refused before anything is stored.
 */
@Service
class VitalsIngestion {

    /** Device clocks drift; a reading from further ahead than this is a wrong clock, not a measurement. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private final ReadingGroupCommit groupCommit;
    private final DeviceIngestLimit deviceLimit;
    private final AlertPathAdmission admission;
    private final Clock clock;

    VitalsIngestion(ReadingGroupCommit groupCommit, VitalsSettings settings, AlertPathAdmission admission,
                    Clock clock) {
        this.groupCommit = groupCommit;
        this.admission = admission;
        this.deviceLimit = new DeviceIngestLimit(settings.deviceReadingsPerSecond(), settings.deviceBurst(), clock);
        this.clock = clock;
    }

    /** One reading that passed its own validation, with the idempotency key it is stored under (or null). */
    record Accepted(VitalsRequest request, String idempotencyKey) {
    }

    /** Outcomes in the order of {@code readings}. */
    List<ReadingOutcome> ingest(CurrentUser caller, List<Accepted> readings) {
        Instant receivedAt = clock.instant();
        List<ReadingOutcome> outcomes = new ArrayList<>();
        List<Accepted> storable = new ArrayList<>();
        List<Integer> storableAt = new ArrayList<>();
        for (Accepted reading : readings) {
            if (reading.request().timestamp().isAfter(receivedAt.plus(MAX_CLOCK_AHEAD))) {
                outcomes.add(new Rejected(ErrorCode.VALIDATION_FAILED,
                        "timestamp must not be more than 5 minutes in the future"));
            } else {
                outcomes.add(null);
                storable.add(reading);
                storableAt.add(outcomes.size() - 1);
            }
        }
        if (storable.isEmpty()) {
            return outcomes;
        }
        if (caller.is(Role.DEVICE)) {
            deviceLimit.take(caller.deviceId(), storable.size()).ifPresent(wait -> {
                throw new DeviceIngestLimit.TooManyReadings(wait);
            });
        }
        admission.charge(storable.size());
        ReadingGroupStorage.SubmissionOutcomes stored = groupCommit.store(caller, storable, receivedAt);
        for (int i = 0; i < storable.size(); i++) {
            outcomes.set(storableAt.get(i), stored.outcomes().get(i));
        }
        stored.position().ifPresent(EventPositions::reached);
        return outcomes;
    }
}
