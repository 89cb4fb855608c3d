package org.hospital.command.vitals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hospital.command.ConflictRetry;
import org.hospital.command.encounter.EncounterAccess;
import org.hospital.command.encounter.EncounterAccess.Scope;
import org.hospital.command.encounter.EncounterLookups;
import org.hospital.command.encounter.ReadingOutcome;
import org.hospital.command.encounter.ReadingOutcome.Rejected;
import org.hospital.command.encounter.RecordReadings;
import org.hospital.command.encounter.RecordVitals;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.hospital.platform.web.ErrorCode;
import org.springframework.stereotype.Service;

/**
 * Checks what the request itself cannot show (a timestamp from a wrong clock, an encounter the caller may not post
 * for), takes the ids of the acceptable readings from one sequence call, and stores them all with one command.
 * A reading for an encounter the caller may not see is answered exactly like one for an unknown encounter.
 */
@Service
class VitalsIngestion {

    /** Device clocks drift; a reading from further ahead than this is a wrong clock, not a measurement. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);

    private final CommandGateway commands;
    private final EncounterLookups encounters;
    private final EncounterAccess access;
    private final Clock clock;

    VitalsIngestion(CommandGateway commands, EncounterLookups encounters, EncounterAccess access, Clock clock) {
        this.commands = commands;
        this.encounters = encounters;
        this.access = access;
        this.clock = clock;
    }

    /** One reading that passed its own validation, with the idempotency key it is stored under (or null). */
    record Accepted(int index, VitalsRequest request, String idempotencyKey) {
    }

    /** Outcomes in the order of {@code readings}. */
    List<ReadingOutcome> ingest(CurrentUser caller, List<Accepted> readings) {
        Instant receivedAt = clock.instant();
        Map<Long, Boolean> mayPost = new HashMap<>();
        List<ReadingOutcome> outcomes = new ArrayList<>();
        List<Integer> storable = new ArrayList<>();
        for (Accepted reading : readings) {
            Optional<ReadingOutcome> problem = check(caller, reading.request(), receivedAt, mayPost);
            outcomes.add(problem.orElse(null));
            if (problem.isEmpty()) {
                storable.add(outcomes.size() - 1);
            }
        }
        if (storable.isEmpty()) {
            return outcomes;
        }
        List<Long> ids = encounters.nextReadingIds(storable.size());
        String source = caller.is(Role.DEVICE) ? "device:" + caller.deviceId() : "user:" + caller.userId();
        List<RecordVitals> commandReadings = new ArrayList<>();
        for (int i = 0; i < storable.size(); i++) {
            Accepted reading = readings.get(storable.get(i));
            VitalsRequest r = reading.request();
            commandReadings.add(new RecordVitals(ids.get(i), r.encounterId(), r.patientId(), r.timestamp(), r.hrBpm(),
                    r.spo2Pct(), r.tempC(), r.bpSystolic(), r.bpDiastolic(), r.respRate(), r.onOxygen(),
                    r.consciousness(), r.deviceFlags(), receivedAt, source, reading.idempotencyKey()));
        }
        List<ReadingOutcome> stored = ConflictRetry.sendAndWait(commands, new RecordReadings(commandReadings));
        for (int i = 0; i < storable.size(); i++) {
            outcomes.set(storable.get(i), stored.get(i));
        }
        return outcomes;
    }

    private Optional<ReadingOutcome> check(CurrentUser caller, VitalsRequest request, Instant receivedAt,
                                           Map<Long, Boolean> mayPost) {
        if (request.timestamp().isAfter(receivedAt.plus(MAX_CLOCK_AHEAD))) {
            return Optional.of(new Rejected(ErrorCode.VALIDATION_FAILED,
                    "timestamp must not be more than 5 minutes in the future"));
        }
        boolean allowed = mayPost.computeIfAbsent(request.encounterId(), id -> access.find(id)
                .map((Scope scope) -> EncounterAccess.mayActOn(caller, scope)).orElse(false));
        if (!allowed) {
            return Optional.of(new Rejected(ErrorCode.NOT_FOUND, "Encounter not found"));
        }
        return Optional.empty();
    }
}
