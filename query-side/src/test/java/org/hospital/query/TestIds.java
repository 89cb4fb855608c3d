package org.hospital.query;

import java.util.concurrent.atomic.AtomicLong;

/** Fresh ids for each test: the tests share one database and one domain-event topic. */
public final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(1_000);

    private TestIds() {
    }

    public static long next() {
        return NEXT.incrementAndGet();
    }
}
