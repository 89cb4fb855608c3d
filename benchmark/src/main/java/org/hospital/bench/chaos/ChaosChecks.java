package org.hospital.bench.chaos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.hospital.bench.KafkaObserver;
import org.hospital.bench.LossChecker;

/**
 * The verdicts of a chaos run, each a named pass or fail with the figures behind it. They judge the system: a
 * failing check is a finding about the system, never something the harness smooths over.
 */
final class ChaosChecks {

    /** One verdict. */
    record Check(String name, boolean passed, String detail) {
    }

    private final ChaosDatabase database;
    private final KafkaObserver observer;
    private final Collection<Long> encounterIds;

    ChaosChecks(ChaosDatabase database, KafkaObserver observer, Collection<Long> encounterIds) {
        this.database = database;
        this.observer = observer;
        this.encounterIds = encounterIds;
    }

    /** Every acknowledged reading in the event store (once), on vitals_stream and in view_vitals. */
    Check readings(LossChecker.Verdict loss) {
        int storeRepeats = 0;
        for (List<ChaosDatabase.StoredReading> readings : database.storedReadings(encounterIds).values()) {
            storeRepeats += readings.size() - (int) readings.stream().mapToLong(ChaosDatabase.StoredReading::readingId)
                    .distinct().count();
        }
        StringBuilder detail = new StringBuilder("%d acknowledged".formatted(loss.acknowledged()));
        for (LossChecker.StoreCheck store : loss.stores()) {
            detail.append("; %s: %d found, %d missing%s, %d stored without acknowledgement".formatted(store.store(),
                    store.found(), store.missing(), store.missingIds().isEmpty() ? "" : " " + store.missingIds(),
                    store.extra()));
        }
        detail.append("; stored twice in the event store: %d".formatted(storeRepeats));
        boolean complete = loss.stores().stream().allMatch(LossChecker.StoreCheck::complete);
        return new Check("every acknowledged reading stored once, streamed and projected", complete
                && storeRepeats == 0, detail.toString());
    }

    /**
     * vitals_stream carries each reading once: its publisher skips what a partition already holds, also after a
     * crash or a takeover by the other command instance. Repeats with different content are reported apart.
     */
    Check streamRepeats(LossChecker.Verdict loss) {
        long differing = observer.streamDuplicatesDiffering();
        return new Check("vitals_stream carries each reading once", loss.streamDuplicates() == 0 && differing == 0,
                "%d records repeated (same reading id), %d of them with different content"
                        .formatted(loss.streamDuplicates(), differing));
    }

    /**
     * Each acknowledged breaching reading raised its alert once: one {@code raised} record on {@code alerts} for each,
     * no second alert for the same cause and no second record of the same alert,
     * no two {@code AlertRaised} for the same encounter, type and reading, and {@code view_alerts} holding exactly
     * the raised alerts of the event store.
     */
    Check alerts() {
        KafkaObserver.AlertFigures figures = observer.alertFigures();
        long awaited = figures.expected() - figures.rejected();
        List<ChaosDatabase.StoredAlert> stored = database.storedAlerts(encounterIds);
        Set<String> causes = new HashSet<>();
        int storedTwice = 0;
        for (ChaosDatabase.StoredAlert alert : stored) {
            if (!causes.add(alert.encounterId() + "/" + alert.type() + "/" + alert.readingId())) {
                storedTwice++;
            }
        }
        Set<Long> storedIds = new HashSet<>(stored.stream().map(ChaosDatabase.StoredAlert::alertId).toList());
        List<Long> projected = database.projectedAlertIds(encounterIds);
        Set<Long> missingInView = new LinkedHashSet<>(storedIds);
        projected.forEach(missingInView::remove);
        long notInStore = projected.stream().filter(id -> !storedIds.contains(id)).count();
        boolean passed = figures.seen() == awaited && figures.raisedDuplicates() == 0
                && figures.raisedRedelivered() == 0 && storedTwice == 0
                && missingInView.isEmpty() && notInStore == 0;
        return new Check("each breaching reading raised its alert exactly once", passed,
                ("%d breaching readings acknowledged, %d raised records seen, %d second alerts for one cause on"
                        + " alerts (%d identical redeliveries), %d alert records in all (%d raised without a breaching"
                        + " reading of the load, e.g. NEWS2 or overdue); event store %d AlertRaised, %d for the same"
                        + " cause twice; view_alerts %d rows, %d missing %s, %d unknown to the event store")
                        .formatted(awaited, figures.seen(), figures.raisedDuplicates(), figures.raisedRedelivered(),
                        figures.alertRecords(), figures.raisedUnmatched(), stored.size(),
                        storedTwice, projected.size(), missingInView.size(),
                        missingInView.stream().limit(10).toList(), notInStore));
    }

    /**
     * No room or patient booked twice: no round admitted both requests, a round both instances answered admitted
     * exactly one, and the guard table and the query side agree on the admissions.
     */
    Check admissions(List<AdmissionRace.Round> rounds, Collection<Long> roomIds) {
        long both = rounds.stream().filter(round -> round.admitted() > 1).count();
        List<AdmissionRace.Round> decided = rounds.stream().filter(AdmissionRace.Round::decided).toList();
        long decidedWrongly = decided.stream().filter(round -> round.admitted() != 1).count();
        long withWinner = rounds.stream().filter(round -> round.admitted() == 1).count();
        ChaosDatabase.Bookings bookings = database.bookings(roomIds);
        boolean passed = both == 0 && decidedWrongly == 0 && bookings.guardDoubleRooms() == 0
                && bookings.guardDoublePatients() == 0 && bookings.viewDoubleRooms() == 0
                && bookings.viewDoublePatients() == 0 && bookings.guardRows() >= withWinner
                && bookings.guardRows() <= rounds.size() && bookings.viewActive() == bookings.guardRows();
        return new Check("no room or patient booked twice", passed,
                ("%d rounds, %d answered by both instances (%d of those not exactly one 201), %d with two 201;"
                        + " active_encounter %d rows (%d rooms, %d patients twice), view_encounters %d active"
                        + " (%d rooms, %d patients twice)").formatted(rounds.size(), decided.size(), decidedWrongly,
                        both, bookings.guardRows(), bookings.guardDoubleRooms(), bookings.guardDoublePatients(),
                        bookings.viewActive(), bookings.viewDoubleRooms(), bookings.viewDoublePatients()));
    }

    /**
     * Per encounter, vitals_stream carries the readings in event-store order (first occurrences; repeats are
     * counted by the readings check), and view_latest_vitals shows the reading measured last.
     */
    Check order() {
        Map<Long, List<ChaosDatabase.StoredReading>> stored = database.storedReadings(encounterIds);
        Map<Long, List<Long>> streamed = observer.streamedOrder();
        Map<Long, Long> latest = database.latestProjectedReading(encounterIds);
        int outOfOrder = 0;
        List<String> examples = new ArrayList<>();
        List<Long> wrongLatest = new ArrayList<>();
        for (Long encounterId : encounterIds) {
            List<ChaosDatabase.StoredReading> readings = stored.getOrDefault(encounterId, List.of());
            Map<Long, Integer> position = new HashMap<>();
            for (int i = 0; i < readings.size(); i++) {
                position.putIfAbsent(readings.get(i).readingId(), i);
            }
            int last = -1;
            Set<Long> seen = new HashSet<>();
            for (Long readingId : streamed.getOrDefault(encounterId, List.of())) {
                Integer at = position.get(readingId);
                if (at == null || !seen.add(readingId)) {
                    continue;
                }
                if (at < last) {
                    outOfOrder++;
                    if (examples.size() < 5) {
                        examples.add("encounter %d reading %d".formatted(encounterId, readingId));
                    }
                }
                last = Math.max(last, at);
            }
            Long expected = lastMeasured(readings);
            if (expected != null && !expected.equals(latest.get(encounterId))) {
                wrongLatest.add(encounterId);
            }
        }
        return new Check("per-encounter order kept", outOfOrder == 0 && wrongLatest.isEmpty(),
                ("%d readings streamed out of event-store order %s; latest vitals not the last measured reading for"
                        + " %d encounters %s")
                        .formatted(outOfOrder, examples, wrongLatest.size(), wrongLatest));
    }

    /**
     * The asynchronous views have caught up (the drain condition): every awaited alert seen, view_alerts holding the
     * event store's alerts, the admissions projected, view_latest_vitals showing each encounter's last reading.
     * Repeats and order are not waited for: they do not change by waiting.
     */
    boolean viewsAgree(Collection<Long> roomIds) {
        if (observer.alertsOutstanding() != 0) {
            return false;
        }
        ChaosDatabase.Bookings bookings = database.bookings(roomIds);
        if (bookings.viewActive() != bookings.guardRows()) {
            return false;
        }
        Set<Long> stored = new HashSet<>(database.storedAlerts(encounterIds).stream()
                .map(ChaosDatabase.StoredAlert::alertId).toList());
        if (!stored.equals(new HashSet<>(database.projectedAlertIds(encounterIds)))) {
            return false;
        }
        Map<Long, List<ChaosDatabase.StoredReading>> readings = database.storedReadings(encounterIds);
        Map<Long, Long> latest = database.latestProjectedReading(encounterIds);
        return encounterIds.stream().allMatch(id -> Objects.equals(lastMeasured(readings.get(id)), latest.get(id)));
    }

    /** The reading measured last (ties: the higher id), as view_latest_vitals defines it; null without readings. */
    private static Long lastMeasured(List<ChaosDatabase.StoredReading> readings) {
        if (readings == null) {
            return null;
        }
        return readings.stream().max(Comparator.comparing(ChaosDatabase.StoredReading::timestamp)
                        .thenComparingLong(ChaosDatabase.StoredReading::readingId))
                .map(ChaosDatabase.StoredReading::readingId).orElse(null);
    }
}
