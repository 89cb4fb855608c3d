package org.hospital.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the load, waits up to the drain period for the asynchronous paths to catch up, then checks that every
 * acknowledged reading is in the event store, on {@code vitals_stream} and in {@code view_vitals}.
 */
public final class LossChecker {

    private static final Logger LOG = LoggerFactory.getLogger(LossChecker.class);
    private static final int LISTED_IDS = 20;

    private final SystemDatabase database;
    private final KafkaObserver observer;
    private final Collection<Long> encounterIds;

    public LossChecker(SystemDatabase database, KafkaObserver observer, Collection<Long> encounterIds) {
        this.database = database;
        this.observer = observer;
        this.encounterIds = encounterIds;
    }

    /** One store's view of the acknowledged readings; {@code extra} are readings stored but never acknowledged. */
    public record StoreCheck(String store, int found, int missing, int extra, List<Long> missingIds) {

        public boolean complete() {
            return missing == 0;
        }
    }

    public record Verdict(int acknowledged, List<StoreCheck> stores, long streamDuplicates, double drainSeconds) {

        public boolean passed() {
            return stores.stream().allMatch(StoreCheck::complete) && streamDuplicates == 0;
        }
    }

    /**
     * Checks until everything is found or the drain period is over; {@code alsoWaitFor} holds other late results.
     * {@code warmUp} readings were stored before the load and are neither expected nor counted as extra.
     */
    public Verdict check(Set<Long> acknowledged, Set<Long> warmUp, Duration drain, BooleanSupplier alsoWaitFor)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + drain.toNanos();
        while (true) {
            List<StoreCheck> stores = List.of(
                    compare("event store (domain_event_entry)", acknowledged,
                            without(database.storedReadings(encounterIds), warmUp)),
                    compare("vitals_stream topic", acknowledged,
                            without(Set.copyOf(observer.streamedReadingIds()), warmUp)),
                    compare("projection (view_vitals)", acknowledged,
                            without(database.projectedReadingsOf(encounterIds), warmUp)));
            boolean complete = stores.stream().allMatch(StoreCheck::complete) && alsoWaitFor.getAsBoolean();
            if (complete || System.nanoTime() > deadline) {
                return new Verdict(acknowledged.size(), stores, observer.streamDuplicates(),
                        (System.nanoTime() - start) / 1e9);
            }
            LOG.info("draining: missing {}", stores.stream().map(s -> s.store() + " " + s.missing()).toList());
            Thread.sleep(2_000);
        }
    }

    private static Set<Long> without(Set<Long> found, Set<Long> warmUp) {
        Set<Long> rest = new HashSet<>(found);
        rest.removeAll(warmUp);
        return rest;
    }

    private static StoreCheck compare(String store, Set<Long> acknowledged, Set<Long> found) {
        Set<Long> missing = new TreeSet<>(acknowledged);
        missing.removeAll(found);
        int extra = (int) found.stream().filter(id -> !acknowledged.contains(id)).count();
        return new StoreCheck(store, found.size() - extra, missing.size(), extra,
                missing.stream().limit(LISTED_IDS).toList());
    }
}
