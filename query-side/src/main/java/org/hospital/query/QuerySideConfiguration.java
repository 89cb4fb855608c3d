package org.hospital.query;

import jakarta.servlet.DispatcherType;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.hospital.platform.PlatformConfiguration;
import org.hospital.platform.messaging.KafkaProcessors;
import org.hospital.platform.messaging.KafkaSettings;
import org.hospital.platform.schema.SchemaMigration;
import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.security.Role;
import org.hospital.platform.sides.ConditionalOnSide;
import org.hospital.platform.sides.Side;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.DispatcherTypeRequestMatcher;

/**
 * The read side: projections fed from the domain-event topic into the {@code view_} tables, and the GET views of
 * docs/api.md, Query side. Role checks per endpoint live here; ownership (attending doctor, ward, own record) is
 * checked on the data by {@link org.hospital.query.access.ReadAccessRules}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSide(Side.QUERY)
@ComponentScan
@Import(PlatformConfiguration.class)
@EnableConfigurationProperties(QuerySettings.class)
public class QuerySideConfiguration {

    /** Every projection handler belongs to this processing group. */
    public static final String PROJECTIONS = "projections";

    @Bean
    SchemaMigration querySchema(DataSource dataSource) {
        return SchemaMigration.apply(dataSource, "query");
    }

    /**
     * The projections read Kafka, not the local event store: the query side may run in its own process. Registered
     * on Axon's processing module bean rather than through a {@code ConfigurerModule}: the Kafka source needs Axon's
     * configuration (for upcasters), which a configurer module would need before it exists.
     */
    @Bean
    ProjectionsProcessor projectionsProcessor(EventProcessingConfigurer processing,
                                              StreamableKafkaMessageSource<String, byte[]> domainEventSource,
                                              KafkaSettings kafkaSettings) {
        KafkaProcessors.register(processing, PROJECTIONS, domainEventSource, kafkaSettings);
        return new ProjectionsProcessor(PROJECTIONS);
    }

    /** Marks that the projections' processor is registered. */
    record ProjectionsProcessor(String name) {
    }

    /** docs/api.md, Roles: which roles may call each view. */
    @Bean
    EndpointRules queryEndpointRules() {
        String admin = Role.ADMIN.name();
        String doctor = Role.DOCTOR.name();
        String nurse = Role.NURSE.name();
        String patient = Role.PATIENT.name();
        return rules -> rules
                // When a stream ends, the container dispatches the request once more (ASYNC) to complete it; the
                // token filter runs once per request, so that dispatch carries no caller. It was authorised when the
                // stream was opened, and its response is already committed. (Before the stream's own rule: the
                // first matching rule decides.)
                .requestMatchers(new AndRequestMatcher(new DispatcherTypeRequestMatcher(DispatcherType.ASYNC),
                        PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/alerts/stream"))).permitAll()
                .requestMatchers(HttpMethod.GET, "/doctors/*/patients").hasAnyRole(admin, doctor)
                .requestMatchers(HttpMethod.GET, "/encounters/*/overview", "/encounters/*/alerts",
                        "/encounters/*/observations", "/encounters/*/trend", "/board").hasAnyRole(admin, doctor, nurse)
                .requestMatchers(HttpMethod.GET, "/patients/*/encounter", "/patients/*/vitals/recent")
                .hasAnyRole(admin, doctor, nurse, patient)
                .requestMatchers(HttpMethod.GET, "/alerts/stream").hasAnyRole(admin, doctor, nurse);
    }
}
