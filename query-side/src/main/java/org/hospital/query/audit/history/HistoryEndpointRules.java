package org.hospital.query.audit.history;

import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** docs/api.md, Roles: the encounter history is for admins and auditors only. */
@Configuration(proxyBeanMethods = false)
class HistoryEndpointRules {

    @Bean
    EndpointRules historyRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, "/encounters/*/history")
                .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name());
    }
}
