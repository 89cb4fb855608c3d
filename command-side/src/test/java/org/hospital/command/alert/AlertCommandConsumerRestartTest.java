package org.hospital.command.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent.Reason;
import org.springframework.kafka.listener.MessageListenerContainer;

class AlertCommandConsumerRestartTest {

    private final KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
    private final MessageListenerContainer container = mock(MessageListenerContainer.class);
    private final MessageListenerContainer stoppedChild = mock(MessageListenerContainer.class);
    private final ScheduledThreadPoolExecutor restarter = new ScheduledThreadPoolExecutor(1);
    private AlertCommandConsumerRestart restart;

    @BeforeEach
    void containers() {
        when(registry.getListenerContainer(AlertCommandListener.GROUP_ID)).thenReturn(container);
        when(stoppedChild.getGroupId()).thenReturn(AlertCommandListener.GROUP_ID);
    }

    @AfterEach
    void stop() {
        restart.stop();
    }

    @Test
    void startsTheConsumerAgainAfterItStoppedOnAnError() {
        restart = new AlertCommandConsumerRestart(registry, Duration.ofMillis(50), restarter);
        restart.on(new ConsumerStoppedEvent(this, stoppedChild, Reason.ERROR));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(container).start());
        InOrder order = inOrder(container);
        order.verify(container).stop();
        order.verify(container).start();
    }

    @Test
    void leavesANormalStopAndOtherConsumersAlone() {
        // A restart is decided when the event is handled: what was scheduled is visible at once, no waiting. The
        // delay keeps a scheduled restart in the queue for the whole test.
        restart = new AlertCommandConsumerRestart(registry, Duration.ofHours(1), restarter);
        restart.on(new ConsumerStoppedEvent(this, stoppedChild, Reason.NORMAL));
        MessageListenerContainer other = mock(MessageListenerContainer.class);
        when(other.getGroupId()).thenReturn("someone-else");
        restart.on(new ConsumerStoppedEvent(this, other, Reason.ERROR));

        assertThat(restarter.getQueue()).as("restarts scheduled for a normal stop or another group").isEmpty();
        restart.on(new ConsumerStoppedEvent(this, stoppedChild, Reason.ERROR));
        assertThat(restarter.getQueue()).as("the same check sees a restart that is scheduled").hasSize(1);
    }
}
