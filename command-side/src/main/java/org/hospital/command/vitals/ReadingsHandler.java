package org.hospital.command.vitals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.hospital.command.encounter.Encounter;
import org.hospital.command.encounter.NewReading;
import org.hospital.command.position.EventPositions;
import org.hospital.command.vitals.ReadingOutcome.Duplicate;
import org.hospital.command.vitals.ReadingOutcome.Rejected;
import org.hospital.command.vitals.ReadingOutcome.Stored;
import org.hospital.command.vitals.VitalsDedup.Earlier;
import org.hospital.platform.error.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Stores readings, each at most once: a reading whose natural key (encounter, timestamp, source) or idempotency key
 * was stored before is answered with the original id and stores nothing (so the alerting saga evaluates it once);
 * one that reuses a key for different values is refused (409). All readings of a command share one unit of work and
 * one transaction, and their keys are claimed with one statement (and looked up with a second only for readings that
 * could not be stored). Encounters are loaded in id order so that two commands never wait for each other's locks in
 * a cycle. A reading that cannot be stored is reported and skipped; the others are stored.
 */
@Component
class ReadingsHandler {

    static final String KEY_REUSED = "A different reading was already received with this timestamp or Idempotency-Key";

    private final Repository<Encounter> encounters;
    private final VitalsDedup dedup;

    ReadingsHandler(Repository<Encounter> encounters, VitalsDedup dedup) {
        this.encounters = encounters;
        this.dedup = dedup;
    }

    @CommandHandler
    List<ReadingOutcome> handle(RecordReadings command) {
        List<NewReading> readings = command.readings();
        List<ReadingOutcome> outcomes = new ArrayList<>(Collections.nCopies(readings.size(), null));
        List<Integer> inEncounterOrder = IntStream.range(0, readings.size()).boxed()
                .sorted(Comparator.comparingLong(i -> readings.get(i).encounterId())).toList();

        Map<Long, Optional<Aggregate<Encounter>>> loaded = new HashMap<>();
        List<Integer> acceptable = new ArrayList<>();
        for (int i : inEncounterOrder) {
            NewReading reading = readings.get(i);
            Optional<Aggregate<Encounter>> encounter = loaded.computeIfAbsent(reading.encounterId(), this::load);
            Optional<Rejected> refusal = encounter.map(e -> e.invoke(state -> state.refusal(reading))
                            .map(r -> new Rejected(r.code(), r.getMessage())))
                    .orElseGet(() -> Optional.of(new Rejected(ErrorCode.NOT_FOUND, "Encounter not found")));
            if (refusal.isPresent()) {
                outcomes.set(i, refusal.get());
            } else {
                acceptable.add(i);
            }
        }

        Set<Long> claimed = dedup.claim(acceptable.stream().map(readings::get).toList());
        for (int i : acceptable) {
            NewReading reading = readings.get(i);
            if (claimed.contains(reading.readingId())) {
                loaded.get(reading.encounterId()).orElseThrow().execute(e -> e.record(reading));
                outcomes.set(i, new Stored(reading.readingId()));
            }
        }
        answerRetries(readings, outcomes, claimed);
        return outcomes;
    }

    private Optional<Aggregate<Encounter>> load(long encounterId) {
        try {
            return Optional.of(encounters.load(Encounter.aggregateId(encounterId)));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * A reading that was not stored now may be the retry of one stored before (even if the encounter has ended
     * since, or never existed for this sender): it is answered with the original id. A reading whose key was taken
     * by a different one, here or in an earlier request, is a conflict.
     */
    private void answerRetries(List<NewReading> readings, List<ReadingOutcome> outcomes, Set<Long> claimed) {
        List<NewReading> notStored = readings.stream().filter(r -> !claimed.contains(r.readingId())).toList();
        if (notStored.isEmpty()) {
            return;
        }
        Map<Long, List<Earlier>> earlier = dedup.earlier(notStored);
        for (int i = 0; i < readings.size(); i++) {
            NewReading reading = readings.get(i);
            if (claimed.contains(reading.readingId())) {
                continue;
            }
            List<Earlier> found = earlier.getOrDefault(reading.readingId(), List.of());
            if (!found.isEmpty()) {
                outcomes.set(i, asRetry(reading, found));
            } else if (outcomes.get(i) == null) {
                outcomes.set(i, new Rejected(ErrorCode.CONFLICT, KEY_REUSED));
            }
        }
    }

    private static ReadingOutcome asRetry(NewReading reading, List<Earlier> earlier) {
        String hash = VitalsDedup.contentHash(reading);
        boolean sameReading = earlier.stream().allMatch(e -> e.readingId() == earlier.getFirst().readingId()
                && e.contentHash().equals(hash));
        if (!sameReading) {
            return new Rejected(ErrorCode.CONFLICT, KEY_REUSED);
        }
        EventPositions.includeLatestOf(Encounter.aggregateId(reading.encounterId()));
        return new Duplicate(earlier.getFirst().readingId());
    }
}
