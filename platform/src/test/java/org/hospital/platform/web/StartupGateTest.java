package org.hospital.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hospital.platform.web.ErrorResponses;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Requests wait for the application to be ready; the health probes do not. */
class StartupGateTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final StartupGate gate = new StartupGate(availability, new StaticListableBeanFactory(
            Map.of("errors", new ErrorResponses(JsonMapper.builder().build(), List.of())))
            .getBeanProvider(ErrorResponses.class));

    @Test
    void refusesEveryRequestWith503AndRetryAfterWhileStarting() throws Exception {
        MockHttpServletResponse signIn = send("POST", "/auth/login");
        MockHttpServletResponse health = send("GET", "/health");

        assertThat(signIn.getStatus()).isEqualTo(503);
        assertThat(signIn.getHeader("Retry-After")).isEqualTo("1");
        assertThat(signIn.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
        assertThat(health.getStatus()).as("nothing reports healthy before it can serve").isEqualTo(503);
    }

    @Test
    void letsRequestsThroughOnceReadyAndRefusesThemAgainWhileStopping() throws Exception {
        becomes(ReadinessState.ACCEPTING_TRAFFIC);
        assertThat(passes("POST", "/auth/login")).isTrue();

        becomes(ReadinessState.REFUSING_TRAFFIC);
        assertThat(passes("POST", "/auth/login")).isFalse();
    }

    @Test
    void theHealthProbesAnswerWhileStarting() throws Exception {
        assertThat(passes("GET", "/actuator/health/readiness")).isTrue();
        assertThat(passes("GET", "/actuator/health/liveness")).isTrue();
    }

    private void becomes(ReadinessState state) {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(new StaticApplicationContext(), state));
    }

    private boolean passes(String method, String path) throws Exception {
        AtomicBoolean reached = new AtomicBoolean();
        gate.doFilter(new MockHttpServletRequest(method, path), new MockHttpServletResponse(),
                (request, response) -> reached.set(true));
        return reached.get();
    }

    private MockHttpServletResponse send(String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(new MockHttpServletRequest(method, path), response, (request, ignored) -> {
        });
        return response;
    }
}
