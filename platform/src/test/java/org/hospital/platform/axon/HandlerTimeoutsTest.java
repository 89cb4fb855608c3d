package org.hospital.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Properties;

import org.axonframework.messaging.timeout.HandlerTimeoutConfiguration;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The shared defaults switch Axon's per-handler timers off (each one walks its thread's stack when it starts) and
 * leave the timeouts of the units of work around the handlers on. Bound here as Spring binds them, so a misspelt key,
 * which Spring would silently ignore, fails.
 */
class HandlerTimeoutsTest {

    private final TimeoutProperties timeouts = bind();

    @Test
    void noMessageHandlerIsTimedOnItsOwn() {
        HandlerTimeoutConfiguration handlers = timeouts.getHandler().toMessageHandlerTimeoutConfiguration();

        for (TaskTimeoutSettings settings : new TaskTimeoutSettings[] {handlers.getEvents(), handlers.getCommands(),
                handlers.getQueries(), handlers.getDeadlines()}) {
            assertThat(settings.getTimeoutMs()).isNegative();
            assertThat(settings.getWarningThresholdMs()).isNegative();
        }
    }

    @Test
    void unitsOfWorkKeepTheirTimeouts() {
        assertThat(timeouts.isEnabled()).isTrue();
        assertThat(timeouts.getTransaction().getCommandBus().getTimeoutMs()).isPositive();
        assertThat(timeouts.getTransaction().getEventProcessors().getTimeoutMs()).isPositive();
    }

    private static TimeoutProperties bind() {
        try {
            Properties shared = PropertiesLoaderUtils.loadProperties(
                    new ClassPathResource("hospital-platform.properties"));
            return new Binder(new MapConfigurationPropertySource(shared))
                    .bindOrCreate("axon.timeout", TimeoutProperties.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
