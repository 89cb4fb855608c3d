package org.hospital.query.audit.rebuild;

import org.axonframework.config.EventProcessingConfigurer;
import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.web.ErrorResponses;
import org.hospital.platform.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the rebuild: who may start it (admins) and which reads answer 503 while it runs.
 * <p>
 * The views answer 503 during a rebuild; the history ({@code audit_event}), the access log and the alert stream
 * (fed by {@code view_alert_changes}) are not rebuilt and keep answering.
 */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration implements WebMvcConfigurer {

    static final String[] REBUILT_VIEWS = {"/doctors/*/patients", "/encounters/*/overview", "/encounters/*/alerts",
            "/encounters/*/observations", "/patients/*/encounter", "/patients/*/vitals/recent", "/board",
            "/encounters/*/trend", "/fhir/r4/**"};

    /** The FHIR CapabilityStatement describes the server, not the views. */
    static final String[] NOT_REBUILT = {"/fhir/r4/metadata"};

    /** After the access log's interceptor, so a refused read is still recorded. */
    private static final int ORDER = 0;

    private final ProjectionRebuild rebuild;
    private final ErrorResponses errors;

    RebuildConfiguration(ProjectionRebuild rebuild, ErrorResponses errors) {
        this.rebuild = rebuild;
        this.errors = errors;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new RebuildGuard(rebuild, errors)).addPathPatterns(REBUILT_VIEWS)
                .excludePathPatterns(NOT_REBUILT).order(ORDER);
    }

    /**
     * Counts what the projections' processor handles, for the rebuild's progress. Static: the rebuild depends on it,
     * and this configuration depends on the rebuild.
     */
    @Bean
    static HandledEvents projectionsHandledEvents(EventProcessingConfigurer processing) {
        return HandledEvents.registerOn(processing);
    }

    @Bean
    EndpointRules rebuildRules() {
        return rules -> rules.requestMatchers("/admin/projections/rebuild").hasRole(Role.ADMIN.name());
    }
}
