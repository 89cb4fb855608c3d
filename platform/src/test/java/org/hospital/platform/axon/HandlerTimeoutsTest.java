package org.hospital.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Properties;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.springboot.TimeoutProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The shared defaults switch Axon's per-handler timers off (each one walks its thread's stack when it starts) and
 * leave the timeouts of the units of work around the handlers on. Bound here as Spring binds them (a misspelt key,
 * which Spring would silently ignore, fails) and handed to Axon's own timeout enhancer with real annotated handlers.
 */
class HandlerTimeoutsTest {

    private final TimeoutProperties timeouts = bind();

    /** Handlers of every kind, as Axon finds them on an annotated class. */
    static final class Handlers {

        @EventHandler
        void on(String event) {
        }

        @CommandHandler
        void handle(Integer command) {
        }

        @QueryHandler
        Long answer(Long query) {
            return query;
        }
    }

    @Test
    void noMessageHandlerIsWrappedInATimer() {
        HandlerTimeoutHandlerEnhancerDefinition enhancer =
                new HandlerTimeoutHandlerEnhancerDefinition(timeouts.getHandler().toMessageHandlerTimeoutConfiguration());

        List<MessageHandlingMember<? super Handlers>> handlers = handlers();
        assertThat(handlers).hasSize(3);
        for (MessageHandlingMember<? super Handlers> handler : handlers) {
            assertThat(enhancer.wrapHandler(handler)).isSameAs(handler);
        }
    }

    /** Axon's own defaults do wrap them: the test above would see a timer if the properties stopped applying. */
    @Test
    void axonsDefaultsWrapEveryHandler() {
        HandlerTimeoutHandlerEnhancerDefinition enhancer = new HandlerTimeoutHandlerEnhancerDefinition(
                new TimeoutProperties().getHandler().toMessageHandlerTimeoutConfiguration());

        for (MessageHandlingMember<? super Handlers> handler : handlers()) {
            assertThat(enhancer.wrapHandler(handler)).isNotSameAs(handler);
        }
    }

    private static List<MessageHandlingMember<? super Handlers>> handlers() {
        return AnnotatedHandlerInspector.<Handlers>inspectType(Handlers.class).getHandlers(Handlers.class).toList();
    }

    /**
     * Every unit of work keeps exactly Axon's timeout, warning threshold and warning interval: a positive number
     * alone would also pass a timeout shortened by mistake, or a warning switched off.
     */
    @Test
    void unitsOfWorkKeepAxonsTimeoutsAndWarnings() {
        TimeoutProperties.TransactionTimeoutProperties axons = new TimeoutProperties().getTransaction();
        TimeoutProperties.TransactionTimeoutProperties ours = timeouts.getTransaction();

        assertThat(timeouts.isEnabled()).isTrue();
        assertThat(settings(ours.getCommandBus())).isEqualTo(settings(axons.getCommandBus()));
        assertThat(settings(ours.getEventProcessors())).isEqualTo(settings(axons.getEventProcessors()));
        assertThat(settings(ours.getQueryBus())).isEqualTo(settings(axons.getQueryBus()));
        assertThat(settings(ours.getDeadline())).isEqualTo(settings(axons.getDeadline()));
        assertThat(ours.getEventProcessor()).as("no processor has timeouts of its own").isEmpty();
        assertThat(settings(axons.getCommandBus())).as("Axon's defaults time units of work")
                .allSatisfy(value -> assertThat(value).isPositive());
    }

    private static List<Integer> settings(TaskTimeoutSettings settings) {
        return List.of(settings.getTimeoutMs(), settings.getWarningThresholdMs(), settings.getWarningIntervalMs());
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
