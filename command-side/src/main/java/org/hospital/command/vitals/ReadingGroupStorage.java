package org.hospital.command.vitals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hospital.command.ConflictRetry;
import org.hospital.command.encounter.EncounterAccess;
import org.hospital.command.encounter.EncounterAccess.Scope;
import org.hospital.command.encounter.EncounterLookups;
import org.hospital.command.encounter.NewReading;
import org.hospital.command.position.EventPositionLookup;
import org.hospital.command.position.EventPositions;
import org.hospital.command.position.EventPositions.Collecting;
import org.hospital.command.vitals.ReadingOutcome.Rejected;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Stores one group of requests' readings ({@link ReadingGroupCommit} decides what a group is): checks the callers'
 * access to all their encounters with one query, takes all the ids with one sequence call, and stores the readings
 * with one {@link RecordReadings} command (one transaction) and one look-up of the stored position. A reading for an
 * encounter its caller may not act on is answered exactly like one for an unknown encounter.
 */
@Component
class ReadingGroupStorage {

    private static final Logger log = LoggerFactory.getLogger(ReadingGroupStorage.class);

    /** One request's readings (each valid on its own), its caller, when they arrived and its audit metadata. */
    record Submission(CurrentUser caller, List<VitalsIngestion.Accepted> readings, Instant receivedAt,
                      Map<String, Object> auditMetadata) {
    }

    /** Outcomes in the order of the submitted readings, and the event-store position they are stored at or before. */
    record SubmissionOutcomes(List<ReadingOutcome> outcomes, Optional<Long> position) {
    }

    private final CommandGateway commands;
    private final EncounterLookups encounters;
    private final EncounterAccess access;
    private final EventPositionLookup positions;

    ReadingGroupStorage(CommandGateway commands, EncounterLookups encounters, EncounterAccess access,
                        EventPositionLookup positions) {
        this.commands = commands;
        this.encounters = encounters;
        this.access = access;
        this.positions = positions;
    }

    /** What became of each submission, in the group's order; throws (nothing stored) when the store fails. */
    List<SubmissionOutcomes> store(List<Submission> group) {
        Set<Long> encounterIds = new LinkedHashSet<>();
        group.forEach(s -> s.readings().forEach(r -> encounterIds.add(r.request().encounterId())));
        Map<Long, Scope> scopes = access.findAll(encounterIds);

        List<List<ReadingOutcome>> outcomes = new ArrayList<>();
        int storable = 0;
        for (Submission submission : group) {
            List<ReadingOutcome> answers = new ArrayList<>();
            for (VitalsIngestion.Accepted reading : submission.readings()) {
                Scope scope = scopes.get(reading.request().encounterId());
                boolean allowed = scope != null && EncounterAccess.mayActOn(submission.caller(), scope);
                answers.add(allowed ? null : new Rejected(ErrorCode.NOT_FOUND, "Encounter not found"));
                storable += allowed ? 1 : 0;
            }
            outcomes.add(answers);
        }
        if (storable == 0) {
            return outcomes.stream().map(answers -> new SubmissionOutcomes(answers, Optional.empty())).toList();
        }

        List<Long> ids = encounters.nextReadingIds(storable);
        List<NewReading> toStore = new ArrayList<>();
        List<int[]> storedAt = new ArrayList<>();
        for (int s = 0; s < group.size(); s++) {
            Submission submission = group.get(s);
            for (int r = 0; r < submission.readings().size(); r++) {
                if (outcomes.get(s).get(r) == null) {
                    storedAt.add(new int[] {s, r});
                    toStore.add(newReading(submission, submission.readings().get(r), ids.get(toStore.size())));
                }
            }
        }
        Collecting<List<ReadingOutcome>> stored = EventPositions.collect(
                () -> ConflictRetry.sendAndWait(commands, new RecordReadings(toStore)));
        for (int i = 0; i < storedAt.size(); i++) {
            outcomes.get(storedAt.get(i)[0]).set(storedAt.get(i)[1], stored.result().get(i));
        }
        Optional<Long> position = position(stored);
        return outcomes.stream().map(answers -> new SubmissionOutcomes(answers, position)).toList();
    }

    /** The data is stored by now: without its position the answers go out without the header, not as errors. */
    private Optional<Long> position(Collecting<List<ReadingOutcome>> stored) {
        try {
            return positions.position(stored.collected());
        } catch (DataAccessException e) {
            log.warn("Event position of {} stored readings not available; answered without it",
                    stored.result().size(), e);
            return Optional.empty();
        }
    }

    private static NewReading newReading(Submission submission, VitalsIngestion.Accepted reading, long id) {
        CurrentUser caller = submission.caller();
        String source = caller.is(Role.DEVICE) ? "device:" + caller.deviceId() : "user:" + caller.userId();
        VitalsRequest r = reading.request();
        return new NewReading(id, r.encounterId(), r.patientId(), r.timestamp(), r.hrBpm(), r.spo2Pct(), r.tempC(),
                r.bpSystolic(), r.bpDiastolic(), r.respRate(), r.onOxygen(), r.consciousness(), r.deviceFlags(),
                submission.receivedAt(), source, reading.idempotencyKey(), submission.auditMetadata());
    }
}
