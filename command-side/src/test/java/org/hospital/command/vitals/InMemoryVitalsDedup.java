package org.hospital.command.vitals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hospital.command.encounter.NewReading;

/** A single-threaded {@link VitalsDedup} for aggregate tests; the real one is checked against PostgreSQL. */
class InMemoryVitalsDedup implements VitalsDedup {

    final List<NewReading> rows = new ArrayList<>();
    /** How often the handler went to the store: each call is one statement in {@link JdbcVitalsDedup}. */
    int claimCalls;
    int lookUpCalls;

    /** Stores one reading's keys, as an earlier request would have. */
    void claim(NewReading reading) {
        claim(List.of(reading));
        claimCalls--;
    }

    @Override
    public Set<Long> claim(List<NewReading> readings) {
        claimCalls++;
        Set<Long> claimed = new HashSet<>();
        for (NewReading reading : readings) {
            if (matches(reading).isEmpty()) {
                rows.add(reading);
                claimed.add(reading.readingId());
            }
        }
        return claimed;
    }

    @Override
    public Map<Long, List<Earlier>> earlier(List<NewReading> readings) {
        lookUpCalls++;
        Map<Long, List<Earlier>> found = new HashMap<>();
        for (NewReading reading : readings) {
            List<Earlier> earlier = matches(reading);
            if (!earlier.isEmpty()) {
                found.put(reading.readingId(), earlier);
            }
        }
        return found;
    }

    private List<Earlier> matches(NewReading reading) {
        return rows.stream().filter(row -> sameNaturalKey(row, reading) || sameIdempotencyKey(row, reading))
                .map(row -> new Earlier(row.readingId(), VitalsDedup.contentHash(row))).toList();
    }

    private static boolean sameNaturalKey(NewReading a, NewReading b) {
        return a.encounterId() == b.encounterId() && a.timestamp().equals(b.timestamp())
                && a.source().equals(b.source());
    }

    private static boolean sameIdempotencyKey(NewReading a, NewReading b) {
        return a.idempotencyKey() != null && Objects.equals(a.idempotencyKey(), b.idempotencyKey())
                && a.source().equals(b.source());
    }
}
