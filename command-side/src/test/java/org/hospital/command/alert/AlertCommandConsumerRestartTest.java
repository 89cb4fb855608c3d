package org.hospital.command.alert;

import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
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
    private AlertCommandConsumerRestart restart;

    @BeforeEach
    void containers() {
        when(registry.getListenerContainer(AlertCommandListener.GROUP_ID)).thenReturn(container);
        when(stoppedChild.getGroupId()).thenReturn(AlertCommandListener.GROUP_ID);
        restart = new AlertCommandConsumerRestart(registry, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        restart.stop();
    }

    @Test
    void startsTheConsumerAgainAfterItStoppedOnAnError() {
        restart.on(new ConsumerStoppedEvent(this, stoppedChild, Reason.ERROR));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> verify(container).start());
        InOrder order = inOrder(container);
        order.verify(container).stop();
        order.verify(container).start();
    }

    @Test
    void leavesANormalStopAndOtherConsumersAlone() {
        restart.on(new ConsumerStoppedEvent(this, stoppedChild, Reason.NORMAL));
        MessageListenerContainer other = mock(MessageListenerContainer.class);
        when(other.getGroupId()).thenReturn("someone-else");
        restart.on(new ConsumerStoppedEvent(this, other, Reason.ERROR));
        verify(container, after(300).never()).start();
    }
}
