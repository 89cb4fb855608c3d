package org.hospital.platform.axon;

import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's storage on PostgreSQL, declared explicitly. On Boot 4, Axon's own JDBC and transaction auto-configurations
 * are evaluated before the DataSource exists (their ordering hints name Boot 3 classes), so they back off silently:
 * the event bus would not be an event store, tokens would live in memory and the command's unit of work would run
 * without a database transaction. Declaring them here (every side imports the platform) makes PostgreSQL the
 * store of events and tokens on every side, with the snake_case names of {@code db/axon}. The alerting side keeps its
 * sagas in a store of its own.
 */
@Configuration(proxyBeanMethods = false)
class AxonStorageConfiguration {

    /** PostgreSQL's SQLState for a unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Tells a unique violation (PostgreSQL's SQLState 23505) from other failures, so that two appends at the same
     * sequence number (two command instances writing one aggregate) end in a {@code ConcurrencyException} that the
     * command side retries. Axon's {@code JdbcSQLErrorCodesResolver} recognises only
     * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: with it the conflict
     * became an {@code EventStoreException} and the request a 500.
     */
    @Bean
    PersistenceExceptionResolver axonPersistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver axonPersistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider axonConnectionProvider,
                                          TransactionManager axonTransactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(axonPersistenceExceptionResolver)
                .connectionProvider(axonConnectionProvider)
                .transactionManager(axonTransactionManager)
                .schema(eventSchema())
                .build();
    }

    /**
     * How long a processor's claim on a segment holds without being renewed before another instance may take it.
     * Longer than a publisher's records can stay in flight (the producer gives a record up after 8 s), so that the
     * instance losing a publishing processor cannot write after the one taking it over; short enough that a dead
     * instance's work is taken over within half a minute.
     */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(20);

    @Bean
    TokenStore tokenStore(ConnectionProvider axonConnectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder()
                .claimTimeout(CLAIM_TIMEOUT)
                .connectionProvider(axonConnectionProvider)
                .schema(tokenSchema())
                .serializer(serializer)
                .build();
    }

    /** The snake_case names of db/axon (platform), not Axon's camelCase defaults. */
    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}
