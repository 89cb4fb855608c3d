package org.hospital.alerting;

import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.hospital.platform.PlatformConfiguration;
import org.hospital.platform.messaging.KafkaProcessors;
import org.hospital.platform.schema.SchemaMigration;
import org.hospital.platform.sides.ConditionalOnSide;
import org.hospital.platform.sides.Side;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The alerting side. Its saga ({@code saga.EncounterAlertingSaga}, processing group {@value #PROCESSING_GROUP})
 * runs in a tracking processor on the domain-event topic whose Kafka position is stored in {@code token_entry}, in
 * the same transaction as the saga state in {@code alerting_saga} ({@code saga.EncounterSagaStore}).
 * <p>
 * Without a stored token the processor starts at the beginning of the topic, not as a replay, so every encounter
 * admitted before the alerting side's first start still gets its saga. Readings received before that first start
 * are history and raise no alert ({@code saga.ReadingEvaluator}), so building sagas from history raises nothing old,
 * while a live backlog, however long, raises every alert it holds.
 * <p>
 * Deadlines (escalation, observations overdue) are kept by db-scheduler in {@code scheduled_tasks} (migration set
 * {@code db/alerting}), written in the same transaction as the saga state: see {@code saga.DeadlineConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.ALERTING)
@ComponentScan
@Import(PlatformConfiguration.class)
@EnableConfigurationProperties(AlertingSettings.class)
public class AlertingSideConfiguration {

    /** The processing group, and so the event processor's and token's name, of the alerting saga. */
    public static final String PROCESSING_GROUP = "alerting";

    /**
     * The saga reads Kafka, not the local event store: the alerting side may run in its own process. Registered on
     * Axon's processing module bean rather than through a {@code ConfigurerModule}: the Kafka source needs Axon's
     * configuration (for upcasters), which a configurer module would need before it exists. Processors are built
     * when Axon starts, after every singleton (this one included) is created.
     */
    @Bean
    AlertingProcessor alertingProcessor(EventProcessingConfigurer processing,
                                        StreamableKafkaMessageSource<String, byte[]> domainEventSource,
                                        AlertingSettings alertingSettings) {
        KafkaProcessors.register(processing, PROCESSING_GROUP, domainEventSource,
                alertingSettings.processorBatchSize(), alertingSettings.processorSegments());
        return new AlertingProcessor(PROCESSING_GROUP);
    }

    /** The alerting side's tables (migration set {@code db/alerting}), created before anything uses them. */
    @Bean
    SchemaMigration alertingSchema(DataSource dataSource) {
        return SchemaMigration.apply(dataSource, "alerting");
    }

    /** Marks that the saga's processor is registered. */
    record AlertingProcessor(String name) {
    }
}
