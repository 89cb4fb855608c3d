package org.hospital.platform.schema;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tables Axon itself needs on every side: event store, tokens, sagas, dead letters. */
@Configuration(proxyBeanMethods = false)
class AxonSchemaConfiguration {

    @Bean
    SchemaMigration axonSchema(DataSource dataSource) {
        return SchemaMigration.apply(dataSource, "axon");
    }
}
