package org.hospital.platform.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.List;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.web.ErrorResponses;
import org.hospital.platform.web.PathErrorFormat;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stateless filter chain for the whole process: user tokens, any side's extra authentication (device keys),
 * each side's endpoint rules, and deny for everything else.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(JwtProperties.class)
class SecurityConfiguration {

    @Bean
    AccessTokens accessTokens(JwtProperties properties, Clock clock) {
        return new AccessTokens(properties, clock);
    }

    @Bean
    ErrorResponses errorResponses(JsonMapper json, List<PathErrorFormat> pathFormats) {
        return new ErrorResponses(json, pathFormats);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokens tokens, List<EndpointRules> sideRules,
                                            List<AuthenticationContributor> contributors,
                                            ErrorResponses errors) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                errors.write(request, response, ErrorCode.UNAUTHENTICATED, "Authentication required"))
                        .accessDeniedHandler((request, response, ex) ->
                                errors.write(request, response, ErrorCode.FORBIDDEN, "Access denied")))
                .addFilterBefore(new TokenAuthenticationFilter(tokens), UsernamePasswordAuthenticationFilter.class);
        for (AuthenticationContributor contributor : contributors) {
            http.addFilterAfter(contributor.authenticationFilter(), TokenAuthenticationFilter.class);
        }
        http.authorizeHttpRequests(rules -> rules
                // The async and error dispatches continue a request that was already authorized.
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                .requestMatchers(HttpMethod.GET, "/health", "/actuator/health", "/actuator/health/**",
                        "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                        "/swagger-ui/**").permitAll()
                .requestMatchers("/error").permitAll());
        for (EndpointRules rules : sideRules) {
            http.authorizeHttpRequests(rules::configure);
        }
        http.authorizeHttpRequests(rules -> rules.anyRequest().denyAll());
        return http.build();
    }
}
