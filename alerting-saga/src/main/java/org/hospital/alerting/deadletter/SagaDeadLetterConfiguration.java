package org.hospital.alerting.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.hospital.alerting.AlertingSettings;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.platform.schema.SchemaMigration;
import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Poison events of the alerting saga are parked in {@code saga_dead_letter} instead of stopping the saga's processor
 * for every encounter ({@link SagaDeadLettering}, an interceptor on the processor), reported (an ERROR line per parked
 * event, the gauges {@code hospital.dead_letters} and {@code hospital.dead_letters.sequences} and the counter
 * {@code hospital.dead_letters.parked}, tagged {@code processing_group=alerting} like the projections' queue on the
 * query side), listed and marked for retry by admins on this side's {@code /admin/alerting/dead-letters}
 * ({@link SagaDeadLettersController}), and retried here ({@link SagaRetry}).
 */
@Configuration(proxyBeanMethods = false)
class SagaDeadLetterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadLetterConfiguration.class);

    /** {@code alertingSchema} is asked for so that the table exists before anything reads it. */
    @Bean
    SagaDeadLetterStore sagaDeadLetterStore(DataSource dataSource,
                                            @Qualifier("eventSerializer") Serializer eventSerializer,
                                            @Qualifier("alertingSchema") SchemaMigration alertingSchema,
                                            ObjectProvider<MeterRegistry> meters) {
        SagaDeadLetterStore parked = new SagaDeadLetterStore(dataSource, eventSerializer,
                AlertingSideConfiguration.PROCESSING_GROUP);
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        // Read from the table at each scrape, so every instance reports the shared table as it is.
        Gauge.builder("hospital.dead_letters", parked, orNaN(SagaDeadLetterStore::size))
                .description("Events parked in the dead-letter queue")
                .tag("processing_group", parked.processingGroup())
                .strongReference(true)
                .register(registry);
        Gauge.builder("hospital.dead_letters.sequences", parked, orNaN(SagaDeadLetterStore::amountOfSequences))
                .description("Sequences (encounters) with parked events")
                .tag("processing_group", parked.processingGroup())
                .strongReference(true)
                .register(registry);
        return parked;
    }

    /**
     * Registers the dead-lettering interceptor on the saga's processing group; the processor itself is registered by
     * the side's configuration. The interceptor is not a bean: Axon's Spring Boot support would add every
     * {@code MessageHandlerInterceptor} bean to every event processor, the projections' too when the sides share a
     * process.
     */
    @Bean
    SagaDeadLetteringRegistration sagaDeadLettering(EventProcessingConfigurer processing, SagaDeadLetterStore store,
                                                    @Lazy org.axonframework.config.Configuration axon, Clock clock,
                                                    ObjectProvider<MeterRegistry> meters) {
        Counter parkedCount = Counter.builder("hospital.dead_letters.parked")
                .description("Events parked in the dead-letter queue (failed, or behind a failed one)")
                .tag("processing_group", store.processingGroup())
                .register(meters.getIfAvailable(SimpleMeterRegistry::new));
        String group = store.processingGroup();
        SagaDeadLettering deadLettering = new SagaDeadLettering(store, parkedCount, clock, () -> axon
                .eventProcessingConfiguration().eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming event processor " + group)));
        processing.registerHandlerInterceptor(store.processingGroup(), c -> deadLettering);
        return new SagaDeadLetteringRegistration(store.processingGroup());
    }

    /** Marks that the saga's processing group parks its poison events. */
    record SagaDeadLetteringRegistration(String processingGroup) {
    }

    @Bean
    SagaRetry sagaRetry(SagaDeadLetterStore store, @Lazy org.axonframework.config.Configuration axon,
                        TokenStore tokenStore, PlatformTransactionManager transactionManager, Clock clock,
                        AlertingSettings settings) {
        String group = store.processingGroup();
        return new SagaRetry(store, () -> axon.eventProcessingConfiguration()
                .eventProcessor(group, AbstractEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No event processor " + group))
                .eventHandlerInvoker(),
                () -> tokenStore.fetchSegments(group),
                transactionManager, clock, settings.deadLetters().retryPollInterval());
    }

    /**
     * Admins list and retry; auditors may list (ids, types and causes, no patient data), as on the projections'
     * {@code /admin/dead-letters}.
     */
    @Bean
    EndpointRules sagaDeadLetterRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/admin/alerting/dead-letters")
                .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                .requestMatchers(HttpMethod.POST, "/admin/alerting/dead-letters/retry").hasRole(Role.ADMIN.name());
    }

    private static ToDoubleFunction<SagaDeadLetterStore> orNaN(ToDoubleFunction<SagaDeadLetterStore> count) {
        return parked -> {
            try {
                return count.applyAsDouble(parked);
            } catch (RuntimeException e) {
                log.debug("Could not count parked events", e);
                return Double.NaN;
            }
        };
    }
}
