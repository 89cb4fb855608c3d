package org.hospital.alerting.saga;

import java.time.OffsetDateTime;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.hospital.platform.schema.SchemaMigration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The alerting sagas' store (Axon's saga configuration takes it as the store of every saga, this side's only) and
 * the moment from which readings are live to them.
 */
@Configuration(proxyBeanMethods = false)
class SagaStoreConfiguration {

    /** Sagas kept in memory: a few kilobytes each, more than the beds of a large hospital. */
    static final int SAGAS_KEPT_IN_MEMORY = 20_000;

    /** {@code alertingSchema} is asked for so that the table exists before the processor starts. */
    @Bean
    SagaStore<Object> sagaStore(JdbcTemplate jdbcTemplate, @Qualifier("serializer") Serializer serializer,
                                @Qualifier("alertingSchema") SchemaMigration alertingSchema) {
        return new EncounterSagaStore(jdbcTemplate, serializer, SAGAS_KEPT_IN_MEMORY);
    }

    /**
     * The saga, registered with its repository ({@link EncounterSagaRepository}) on Axon's processing module: Axon's
     * {@code @Saga} stereotype lets a saga choose its store but not its repository.
     */
    @Bean
    ConfigurerModule encounterAlertingSagaRegistration(SagaStore<Object> sagaStore) {
        return configurer -> configurer.eventProcessing().registerSaga(EncounterAlertingSaga.class, saga -> saga
                .configureSagaStore(axon -> sagaStore)
                .configureRepository(axon -> EncounterSagaRepository.of(axon, sagaStore)));
    }

    @Bean
    LiveSince liveSince(JdbcTemplate jdbcTemplate, @Qualifier("alertingSchema") SchemaMigration alertingSchema) {
        return new LiveSince(jdbcTemplate.queryForObject("SELECT started_at FROM alerting_started",
                OffsetDateTime.class).toInstant());
    }
}
