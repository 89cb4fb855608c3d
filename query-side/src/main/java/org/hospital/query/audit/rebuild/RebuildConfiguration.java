package org.hospital.query.audit.rebuild;

import org.axonframework.config.EventProcessingConfigurer;
import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.web.ErrorResponses;
import org.hospital.platform.security.Role;
import org.hospital.query.audit.PatientReads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the rebuild: who may start it (admins) and which reads answer 503 while it runs (those answered from the
 * views, {@link PatientReads#fromRebuiltViews()}; the others keep answering).
 */
@Configuration(proxyBeanMethods = false)
class RebuildConfiguration implements WebMvcConfigurer {

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
        registry.addInterceptor(new RebuildGuard(rebuild, errors)).addPathPatterns(PatientReads.fromRebuiltViews())
                .excludePathPatterns(PatientReads.exceptions()).order(ORDER);
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
