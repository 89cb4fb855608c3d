package org.hospital.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.MessageMonitorFactory;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Axon metric per event processor: how far behind it is ({@code <processor>.latency}, milliseconds between an
 * event's time and its handling). Axon's metrics auto-configuration is off (hospital-platform.properties): it timed and
 * counted every message on every bus and processor, looking its meters up by name each time, which cost about a
 * twelfth of the system's CPU under load; with it off, response p99 at 1,000 readings a second fell from about 200 to
 * 120-135 ms (BENCHMARKS.md). The processors' lag is the figure operations act on; the request log and the
 * benchmark give the rest.
 */
@Configuration(proxyBeanMethods = false)
class ProcessorMetricsConfiguration {

    @Bean
    ConfigurerModule processorLatencyMetrics(MeterRegistry registry) {
        MessageMonitorFactory latency = (configuration, componentType, componentName) -> forAnyMessage(
                EventProcessorLatencyMonitor.builder().meterNamePrefix(componentName).meterRegistry(registry).build());
        return configurer -> configurer
                .configureMessageMonitor(TrackingEventProcessor.class, latency)
                .configureMessageMonitor(PooledStreamingEventProcessor.class, latency);
    }

    /** A processor hands its monitor only event messages; Axon's factory type speaks of messages in general. */
    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> forAnyMessage(MessageMonitor<? extends Message<?>> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }
}
