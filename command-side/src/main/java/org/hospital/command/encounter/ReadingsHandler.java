package org.hospital.command.encounter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.hospital.command.encounter.ReadingOutcome.Duplicate;
import org.hospital.command.encounter.ReadingOutcome.Rejected;
import org.hospital.command.encounter.ReadingOutcome.Stored;
import org.hospital.command.encounter.VitalsDedup.Earlier;
import org.hospital.command.position.EventPositions;
import org.hospital.platform.web.DomainException;
import org.hospital.platform.web.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Stores readings, each at most once: a reading whose natural key (encounter, timestamp, source) or idempotency key
 * was stored before is answered with the original id and stores nothing (so the alerting saga evaluates it once);
 * one that reuses a key for different values is refused (409). All readings of a command share one unit of work and
 * one transaction; encounters are visited in id order so that two batches never wait for each other's locks in a
 * cycle. A reading that cannot be stored is reported and skipped; the others are stored.
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
        List<RecordVitals> readings = command.readings();
        List<ReadingOutcome> outcomes = new ArrayList<>(Collections.nCopies(readings.size(), null));
        IntStream.range(0, readings.size()).boxed()
                .sorted(Comparator.comparingLong(i -> readings.get(i).encounterId()))
                .forEach(i -> outcomes.set(i, store(readings.get(i))));
        return outcomes;
    }

    private ReadingOutcome store(RecordVitals reading) {
        String hash = reading.contentHash();
        Optional<ReadingOutcome> retry = asRetry(reading, hash);
        if (retry.isPresent()) {
            return retry.get();
        }
        Aggregate<Encounter> encounter;
        try {
            encounter = encounters.load(Encounter.aggregateId(reading.encounterId()));
        } catch (AggregateNotFoundException e) {
            return new Rejected(ErrorCode.NOT_FOUND, "Encounter not found");
        }
        Optional<DomainException> refusal = encounter.invoke(e -> e.refusal(reading));
        if (refusal.isPresent()) {
            return new Rejected(refusal.get().code(), refusal.get().getMessage());
        }
        if (!dedup.tryClaim(reading, hash)) {
            // A concurrent request stored a reading under one of the keys while this one was checked.
            return asRetry(reading, hash).orElse(new Rejected(ErrorCode.CONFLICT, KEY_REUSED));
        }
        encounter.execute(e -> e.record(reading));
        return new Stored(reading.readingId());
    }

    private Optional<ReadingOutcome> asRetry(RecordVitals reading, String hash) {
        List<Earlier> earlier = dedup.earlier(reading);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        boolean sameReading = earlier.stream().allMatch(e -> e.readingId() == earlier.getFirst().readingId()
                && e.contentHash().equals(hash));
        if (!sameReading) {
            return Optional.of(new Rejected(ErrorCode.CONFLICT, KEY_REUSED));
        }
        EventPositions.includeLatestOf(Encounter.aggregateId(reading.encounterId()));
        return Optional.of(new Duplicate(earlier.getFirst().readingId()));
    }
}
