package org.hospital.query.audit.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.hospital.platform.security.EndpointRules;
import org.hospital.query.audit.PatientReads;
import org.hospital.platform.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every read of patient data ({@link PatientReads}) is recorded; admins and auditors may read the log.
 */
@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration implements WebMvcConfigurer {

    /** Runs before the rebuild guard, so a read answered 503 during a rebuild is recorded too. */
    static final int ORDER = -100;

    private final AccessLogWriter writer;
    private final Clock clock;

    AccessLogConfiguration(AccessLogWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AccessLogInterceptor(writer, clock)).addPathPatterns(PatientReads.all())
                .excludePathPatterns(PatientReads.exceptions()).order(ORDER);
    }

    /**
     * The chain's key (docs/security.md, Access log): from {@code HOSPITAL_ACCESS_LOG_KEY}, 32+ bytes, kept outside the
     * database. There is no default: the query side does not start without one (the demo profile sets a fixed one).
     * Static: the configuration itself needs the writer, which needs the log, which needs this.
     */
    @Bean
    static AccessChain accessChain(@Value("${hospital.audit.access-log-key:}") String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < AccessChain.MIN_KEY_BYTES) {
            throw new IllegalStateException((key.isEmpty() ? "No access-log key configured" : "The access-log key is "
                    + "too short") + ": set HOSPITAL_ACCESS_LOG_KEY (hospital.audit.access-log-key), "
                    + AccessChain.MIN_KEY_BYTES + "+ bytes, kept outside the database");
        }
        return new AccessChain(bytes);
    }

    @Bean
    EndpointRules accessLogRules() {
        return rules -> rules
                .requestMatchers(HttpMethod.GET, "/patients/*/access-log", "/admin/access-log/verify")
                .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name());
    }
}
