package org.hospital.query.board;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.hospital.platform.security.EndpointRules;
import org.hospital.platform.web.StaticPages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The board's page and assets (classpath {@code static/}: {@code /} and {@code /ui/}, and uPlot's WebJar under {@code /webjars/}) are public and
 * GET only: they hold no data; everything they show comes from the authenticated API. They carry a strict
 * Content-Security-Policy (no inline script, nothing from another origin), on top of the headers Spring Security sends
 * every response (nosniff, frame denial, no caching). docs/board.md, Security.
 */
@Configuration(proxyBeanMethods = false)
class BoardPageConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Set<String> PAGES = Set.of("/", "/index.html");
    private static final List<String> ASSETS = List.of("/ui/", "/webjars/");

    private static final StaticPages BOARD_PAGES = new StaticPages(PAGES, ASSETS);

    @Bean
    StaticPages boardPages() {
        return BOARD_PAGES;
    }

    @Bean
    EndpointRules boardPageRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, BOARD_PAGES.pathPatterns()).permitAll();
    }

    @Bean
    OncePerRequestFilter boardPageHeaders() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !BOARD_PAGES.serves(request.getRequestURI());
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("Referrer-Policy", "no-referrer");
                response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
                chain.doFilter(request, response);
            }
        };
    }
}
