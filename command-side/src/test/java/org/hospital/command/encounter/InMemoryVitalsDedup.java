package org.hospital.command.encounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A single-threaded {@link VitalsDedup} for aggregate tests; the real one is checked against PostgreSQL. */
class InMemoryVitalsDedup implements VitalsDedup {

    final List<RecordVitals> rows = new ArrayList<>();

    void claim(RecordVitals reading) {
        tryClaim(reading, reading.contentHash());
    }

    @Override
    public List<Earlier> earlier(RecordVitals reading) {
        return rows.stream().filter(row -> sameNaturalKey(row, reading) || sameIdempotencyKey(row, reading))
                .map(row -> new Earlier(row.readingId(), row.contentHash())).toList();
    }

    @Override
    public boolean tryClaim(RecordVitals reading, String contentHash) {
        if (!earlier(reading).isEmpty()) {
            return false;
        }
        rows.add(reading);
        return true;
    }

    private static boolean sameNaturalKey(RecordVitals a, RecordVitals b) {
        return a.encounterId() == b.encounterId() && a.timestamp().equals(b.timestamp())
                && a.source().equals(b.source());
    }

    private static boolean sameIdempotencyKey(RecordVitals a, RecordVitals b) {
        return a.idempotencyKey() != null && Objects.equals(a.idempotencyKey(), b.idempotencyKey())
                && a.source().equals(b.source());
    }
}
