package org.hospital.query.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.security.Role;
import org.hospital.query.QuerySettings;
import org.hospital.query.QuerySideConfiguration;
import org.hospital.query.batch.ProjectionWrites;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The projections' dead-letter queue: Axon's JDBC queue ({@code dead_letter_entry}, created by the query side's
 * migrations), sequenced like the processor, by encounter (platform's {@code EncounterSequencingPolicy}), so that an
 * encounter's later events wait behind its failed one, in order, while the other encounters go on.
 * <p>
 * Axon's dead-lettering handler invoker sits below the event processor, so it serves the tracking processor the
 * projections already use (sagas take no dead-letter queue). A failed event's writes are undone with a savepoint
 * ({@link EventSavepoints}, which takes them only once a batch has failed); {@link DeadLetterPolicy} parks what the event
 * caused and lets transient failures retry the batch. A retry of parked events goes through the same savepoints, so a retry that fails once more leaves the letter
 * parked with its attempt counted instead of rolling the whole retry back. (Axon's retry runs each letter in a unit of
 * work whose transaction joins the retry's; its {@code SpringTransactionManager} neither commits nor rolls back a
 * joined or nested transaction, so a {@code PROPAGATION_NESTED} manager would not give a savepoint.)
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    ReportingDeadLetterQueue projectionDeadLetters(ConnectionProvider axonConnectionProvider,
                                                   TransactionManager axonTransactionManager,
                                                   @Qualifier("serializer") Serializer serializer,
                                                   @Qualifier("eventSerializer") Serializer eventSerializer,
                                                   QuerySettings settings, ObjectProvider<MeterRegistry> meters) {
        QuerySettings.DeadLetters limits = settings.deadLetters();
        JdbcSequencedDeadLetterQueue<EventMessage<?>> jdbcQueue = JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(QuerySideConfiguration.PROJECTIONS)
                .connectionProvider(axonConnectionProvider)
                .transactionManager(axonTransactionManager)
                .schema(schema())
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .maxSequences(limits.maxSequences())
                .maxSequenceSize(limits.maxSequenceSize())
                .claimDuration(limits.claimDuration())
                .build();
        MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
        ReportingDeadLetterQueue queue =
                new ReportingDeadLetterQueue(QuerySideConfiguration.PROJECTIONS, jdbcQueue, registry);
        // Read from the table at each scrape, so every instance reports the shared queue as it is.
        Gauge.builder("hospital.dead_letters", queue, ReportingDeadLetterQueue::size)
                .description("Events parked in the dead-letter queue")
                .tag("processing_group", queue.processingGroup())
                .strongReference(true)
                .register(registry);
        Gauge.builder("hospital.dead_letters.sequences", queue, ReportingDeadLetterQueue::amountOfSequences)
                .description("Sequences (encounters) with parked events")
                .tag("processing_group", queue.processingGroup())
                .strongReference(true)
                .register(registry);
        return queue;
    }

    /** Registers the queue on the projections' processing group; the processor itself is registered elsewhere. */
    @Bean
    DeadLetteringGroups deadLetteringGroups(EventProcessingConfigurer processing, ReportingDeadLetterQueue queue,
                                            DataSource dataSource, ProjectionWrites projectionWrites) {
        String group = queue.processingGroup();
        EventSavepoints savepoints = new EventSavepoints(dataSource, projectionWrites);
        DeadLetterPolicy policy = new DeadLetterPolicy();
        processing.registerDeadLetterQueue(group, c -> queue)
                .registerDeadLetterPolicy(group, c -> policy)
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, invoker) -> invoker
                        .listenerInvocationErrorHandler(savepoints)
                        // Spares the lookup of every event's encounter in the table while nothing of it is parked.
                        .enableSequenceIdentifierCache())
                .registerHandlerInterceptor(group, c -> savepoints)
                .registerHandlerInterceptor(group, c -> new RestoredPosition());
        return new DeadLetteringGroups(List.of(group));
    }

    /** The processing groups that park poison events. */
    record DeadLetteringGroups(List<String> names) {
    }

    /**
     * Admins list and retry; auditors may list (ids, types and causes, no patient data), as they read history. The
     * alerting saga's parked events have routes and rules of their own on the alerting side.
     */
    @Bean
    EndpointRules deadLetterRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/admin/dead-letters")
                .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                .requestMatchers(HttpMethod.POST, "/admin/dead-letters/retry").hasRole(Role.ADMIN.name());
    }

    /** Axon's dead-letter table with the snake_case names of the query side's migration. */
    static DeadLetterSchema schema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
