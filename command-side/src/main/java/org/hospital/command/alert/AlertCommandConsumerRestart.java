package org.hospital.command.alert;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Starts the {@code alert-commands} consumer again when it stopped for any reason but a normal stop. Spring Kafka
 * stops a container for good when its listener throws an {@link Error} (a driver's assertion, an out-of-memory);
 * alert requests would then wait unread, silently, until someone restarted the process. Unread requests stay in the
 * topic (offsets are committed per handled record), so a restart loses nothing.
 */
@Component
class AlertCommandConsumerRestart {

    static final Duration DELAY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(AlertCommandConsumerRestart.class);

    private final KafkaListenerEndpointRegistry registry;
    private final Duration delay;
    private final ScheduledExecutorService restarter;

    @Autowired
    AlertCommandConsumerRestart(KafkaListenerEndpointRegistry registry) {
        this(registry, DELAY, Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("alert-commands-restart").factory()));
    }

    /** With the executor that runs the restarts, so a test can see what was scheduled. */
    AlertCommandConsumerRestart(KafkaListenerEndpointRegistry registry, Duration delay,
                                ScheduledExecutorService restarter) {
        this.registry = registry;
        this.delay = delay;
        this.restarter = restarter;
    }

    @EventListener
    void on(ConsumerStoppedEvent event) {
        MessageListenerContainer stopped = event.getContainer(MessageListenerContainer.class);
        if (event.getReason() == ConsumerStoppedEvent.Reason.NORMAL || stopped == null
                || !AlertCommandListener.GROUP_ID.equals(stopped.getGroupId())) {
            return;
        }
        log.error("The alert-commands consumer stopped ({}); starting it again in {} s", event.getReason(),
                delay.toSeconds());
        restarter.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart() {
        MessageListenerContainer container = registry.getListenerContainer(AlertCommandListener.GROUP_ID);
        if (container == null) {
            return;
        }
        try {
            container.stop();
            container.start();
            log.info("The alert-commands consumer was started again");
        } catch (RuntimeException e) {
            log.error("Cannot start the alert-commands consumer again; trying once more in {} s", delay.toSeconds(),
                    e);
            restarter.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        restarter.shutdownNow();
    }
}
