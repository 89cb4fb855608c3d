package org.hospital.alerting.saga;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The ids of the last {@value #REMEMBERED} readings a saga applied, oldest first, to recognise a reading delivered
 * twice. Stored as a plain JSON array of numbers. Every reading asks and adds, so the ids are kept as primitives
 * (a list of boxed ids cost about a tenth of the saga's thread working off a backlog: BENCHMARKS.md, eighth round).
 */
public final class RecentReadings {

    /** Ids remembered; an older reading delivered again is still safe, its alert keys repeat. */
    static final int REMEMBERED = 64;

    private static final RecentReadings NONE = new RecentReadings(new long[0]);

    private final long[] ids;

    private RecentReadings(long[] ids) {
        this.ids = ids;
    }

    static RecentReadings none() {
        return NONE;
    }

    /** As stored; the newest {@value #REMEMBERED} when more were stored. */
    @JsonCreator
    public static RecentReadings of(long... ids) {
        if (ids == null || ids.length == 0) {
            return NONE;
        }
        return new RecentReadings(Arrays.copyOfRange(ids, Math.max(0, ids.length - REMEMBERED), ids.length));
    }

    boolean contains(long readingId) {
        for (long id : ids) {
            if (id == readingId) {
                return true;
            }
        }
        return false;
    }

    /** These ids and {@code readingId}, the oldest left out beyond {@value #REMEMBERED}. */
    RecentReadings with(long readingId) {
        int kept = Math.min(ids.length, REMEMBERED - 1);
        long[] next = new long[kept + 1];
        System.arraycopy(ids, ids.length - kept, next, 0, kept);
        next[kept] = readingId;
        return new RecentReadings(next);
    }

    @JsonValue
    long[] ids() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentReadings readings && Arrays.equals(ids, readings.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
