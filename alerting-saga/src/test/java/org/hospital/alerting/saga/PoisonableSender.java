package org.hospital.alerting.saga;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * Makes the saga fail for chosen encounters, the way a rule that throws would: the saga's request sender (the only
 * collaborator every alerting reading reaches) throws for them, after the saga has changed its state for the reading.
 * A poisoned encounter fails with an {@link IllegalStateException} (a permanent failure) as long as it is poisoned;
 * an unavailable one with a lock timeout (a transient one) as many times as its counter says.
 * <p>
 * Imported by the tests that use it; deliberately not a {@code @Configuration}, which the side's component scan
 * would find and add to every test's context.
 */
class PoisonableSender {

    static final Set<Long> POISONED = ConcurrentHashMap.newKeySet();
    static final Map<Long, AtomicInteger> UNAVAILABLE = new ConcurrentHashMap<>();
    static final Map<Long, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Bean
    @Primary
    AlertCommandSender failingAlertCommandSender(KafkaAlertCommandSender kafka) {
        return command -> {
            CALLS.computeIfAbsent(command.encounterId(), id -> new AtomicInteger()).incrementAndGet();
            if (POISONED.contains(command.encounterId())) {
                throw new IllegalStateException("Rule failed for encounter " + command.encounterId());
            }
            AtomicInteger failuresLeft = UNAVAILABLE.get(command.encounterId());
            if (failuresLeft != null && failuresLeft.getAndDecrement() > 0) {
                throw new PessimisticLockingFailureException("Lock wait timeout (test)");
            }
            kafka.send(command);
        };
    }

    static int calls(long encounter) {
        AtomicInteger calls = CALLS.get(encounter);
        return calls == null ? 0 : calls.get();
    }
}
