package org.hospital.alerting.saga;

import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.hospital.platform.schema.SchemaMigration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The alerting sagas' store; Axon's saga configuration takes it as the store of every saga (this side's only). */
@Configuration(proxyBeanMethods = false)
class SagaStoreConfiguration {

    /** {@code alertingSchema} is asked for so that the table exists before the processor starts. */
    @Bean
    SagaStore<Object> sagaStore(JdbcTemplate jdbcTemplate, @Qualifier("serializer") Serializer serializer,
                                @Qualifier("alertingSchema") SchemaMigration alertingSchema) {
        return new EncounterSagaStore(jdbcTemplate, serializer);
    }
}
