package org.hospital.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

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

    private void handle(Instant storedAt, boolean commit) throws Exception {
        EventMessage<?> event = new GenericEventMessage<>("event", Map.of()) {
            @Override
            public Instant getTimestamp() {
                return storedAt;
            }
        };
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        lag.handle(unitOfWork, () -> null);
        if (commit) {
            unitOfWork.commit();
        } else {
            unitOfWork.rollback();
        }
    }
}
