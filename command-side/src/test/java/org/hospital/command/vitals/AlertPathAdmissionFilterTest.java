package org.hospital.command.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hospital.platform.web.ErrorResponses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

class AlertPathAdmissionFilterTest {

    private static final int MAX_IN_FLIGHT = 2;

    private final ReadingGroupCommit writers = mock(ReadingGroupCommit.class);
    private final AlertPathAdmission admission = mock(AlertPathAdmission.class);
    private final AtomicInteger passed = new AtomicInteger();
    private AlertPathAdmissionFilter filter;

    @BeforeEach
    void openDoor() {
        when(admission.tryAdmit()).thenReturn(true);
        VitalsSettings settings = new VitalsSettings(2, 1000, 20_000, 20, 3000, Duration.ofSeconds(1),
                Duration.ofMillis(500), MAX_IN_FLIGHT);
        ErrorResponses errors = new ErrorResponses(JsonMapper.builder().build(), List.of());
        filter = new AlertPathAdmissionFilter(writers, admission, settings,
                new StaticListableBeanFactory(Map.of("errors", errors)).getBeanProvider(ErrorResponses.class));
    }

    @Test
    void passesReadingsOnWhileNothingIsBehind() throws Exception {
        assertThat(post("/vitals", counting()).getStatus()).isEqualTo(200);
        assertThat(post("/vitals/batch", counting()).getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(2);
    }

    @Test
    void refusesARequestBeyondTheRequestsInFlightAndTakesOnceOneIsAnswered() throws Exception {
        try (HeldRequests held = new HeldRequests()) {
            assertRefused(post("/vitals", counting()));
        }
        assertThat(post("/vitals", counting()).getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(1);
    }

    /** {@value #MAX_IN_FLIGHT} requests held inside the filter until closed. */
    private final class HeldRequests implements AutoCloseable {

        private final CountDownLatch release = new CountDownLatch(1);
        private final List<Thread> threads = new ArrayList<>();

        HeldRequests() throws InterruptedException {
            CountDownLatch inside = new CountDownLatch(MAX_IN_FLIGHT);
            FilterChain waiting = (request, response) -> {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            for (int i = 0; i < MAX_IN_FLIGHT; i++) {
                threads.add(Thread.ofVirtual().start(() -> post("/vitals", waiting)));
            }
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            for (Thread thread : threads) {
                assertThat(thread.join(Duration.ofSeconds(10))).isTrue();
            }
        }
    }

    @Test
    void refusesWhileARequestWaitsTooLongForTheWriters() {
        when(writers.isBacklogged()).thenReturn(true);
        assertRefused(post("/vitals/batch", counting()));
        assertThat(passed).hasValue(0);
    }

    @Test
    void refusesWhatTheAlertPathCannotTakeNow() {
        when(admission.tryAdmit()).thenReturn(false);
        assertRefused(post("/vitals", counting()));
        assertThat(passed).hasValue(0);
    }

    @Test
    void leavesEveryOtherRequestAlone() throws Exception {
        when(writers.isBacklogged()).thenReturn(true);
        when(admission.tryAdmit()).thenReturn(false);
        assertThat(post("/observations", counting()).getStatus()).isEqualTo(200);
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/vitals");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(get, response, counting());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(passed).hasValue(2);
    }

    private FilterChain counting() {
        return (request, response) -> passed.incrementAndGet();
    }

    private MockHttpServletResponse post(String path, FilterChain chain) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(new MockHttpServletRequest("POST", path), response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static void assertRefused(MockHttpServletResponse response) {
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        try {
            assertThat(response.getContentAsString()).contains("\"SERVICE_UNAVAILABLE\"");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
