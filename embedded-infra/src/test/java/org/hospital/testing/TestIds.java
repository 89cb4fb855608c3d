package org.hospital.testing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh ids for tests: the test classes of one JVM share its database and its Kafka topics
 * ({@code TestInfrastructure} starts one of each per JVM), so ids come from one counter per JVM, never from chance.
 * They start far above the small constants unit tests use.
 */
public final class TestIds {

    private static final AtomicLong NEXT = new AtomicLong(1_000_000);

    private TestIds() {
    }

    public static long next() {
        return NEXT.incrementAndGet();
    }

    /** The first of {@code size} fresh consecutive ids, for a test that numbers related ids from one base. */
    public static long block(int size) {
        return NEXT.getAndAdd(size) + 1;
    }
}
