package org.hospital.platform.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.hospital.testing.MovableClock;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class ProcessorLagTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant LIVE_SINCE = NOW.minusSeconds(3600);

    private final ProcessorLag lag = new ProcessorLag(Clock.fixed(NOW, ZoneOffset.UTC), LIVE_SINCE);

    @Test
    void keepsTheOldestCommittedEventsAgeUntilTaken() throws Exception {
        handle(NOW.minusMillis(300), true);
        handle(NOW.minusMillis(1200), true);
        handle(NOW.minusMillis(50), true);

        assertThat(lag.take()).isEqualTo(new ProcessorLag.Interval(1200, 3));
        assertThat(lag.take()).isEqualTo(new ProcessorLag.Interval(-1, 0));
    }

    @Test
    void countsNothingOfABatchThatFailed() throws Exception {
        handle(NOW.minusSeconds(30), false);

        assertThat(lag.take()).isEqualTo(new ProcessorLag.Interval(-1, 0));
    }

    @Test
    void countsHistoryAsHandledButNotAsLag() throws Exception {
        handle(LIVE_SINCE.minusSeconds(1), true);

        assertThat(lag.take()).isEqualTo(new ProcessorLag.Interval(-1, 1));
    }

    @Test
    void chargesEachEventOfALargeBatchWithItsOwnWaitNotWithTheWholeBatchsHandling() throws Exception {
        MovableClock clock = new MovableClock(NOW);
        ProcessorLag batchLag = new ProcessorLag(clock, LIVE_SINCE);
        List<EventMessage<?>> events = List.of(event(NOW.minusMillis(100)), event(NOW.plusMillis(1900)));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        // The batch's writes and acknowledgements take 50 ms; handling the second event takes 2 s.
        batch.onPrepareCommit(unitOfWork -> clock.advance(Duration.ofMillis(50)));
        batch.executeWithResult(() -> batchLag.handle(batch, () -> {
            clock.advance(Duration.ofMillis(batch.isFirstMessage() ? 0 : 2000));
            return null;
        }), RollbackConfigurationType.ANY_THROWABLE);

        // The first event was handled 100 ms after it was stored, the second 100 ms after; the commit waited 50 ms.
        // The age of the first event at commit would be 2,150 ms.
        assertThat(batchLag.take()).isEqualTo(new ProcessorLag.Interval(150, 2));
    }

    private static EventMessage<?> event(Instant storedAt) {
        return new GenericEventMessage<>("event", Map.of()) {
            @Override
            public Instant getTimestamp() {
                return storedAt;
            }
        };
    }


    private void handle(Instant storedAt, boolean commit) throws Exception {
        EventMessage<?> event = event(storedAt);
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        lag.handle(unitOfWork, () -> null);
        if (commit) {
            unitOfWork.commit();
        } else {
            unitOfWork.rollback();
        }
    }
}
