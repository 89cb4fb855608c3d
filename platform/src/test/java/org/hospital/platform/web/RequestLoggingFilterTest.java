package org.hospital.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The one line each request leaves in the log: who called, named by role and number only, and its request id. */
class RequestLoggingFilterTest {

    private final Logger requestLog = (Logger) LoggerFactory.getLogger("http.request");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        requestLog.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        requestLog.detachAppender(lines);
        SecurityContextHolder.clearContext();
    }

    @Test
    void namesASignedInCallerByRoleAndNumberNeverByUsername() throws Exception {
        CurrentUser doctor = new CurrentUser(7L, "dr_house", Role.DOCTOR, 3L, null, null, null, null, null);
        String line = logged(new UsernamePasswordAuthenticationToken(doctor, null, List.of()));

        assertThat(line).contains("principal=doctor:7").doesNotContain("dr_house")
                .contains("request_id=client-chosen-id-1");
    }

    @Test
    void namesADeviceByItsNumber() throws Exception {
        assertThat(logged(new UsernamePasswordAuthenticationToken(CurrentUser.device(12, 4), null, List.of())))
                .contains("principal=device:12");
    }

    @Test
    void leavesAnAnonymousCallerUnnamed() throws Exception {
        assertThat(logged(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).contains("principal=-");
    }

    private String logged(Authentication authentication) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/encounters/1/overview");
        request.addHeader(RequestIds.HEADER, "client-chosen-id-1");
        new RequestLoggingFilter().doFilter(request, new MockHttpServletResponse(),
                (req, res) -> SecurityContextHolder.getContext().setAuthentication(authentication));
        assertThat(lines.list).hasSize(1);
        return lines.list.getFirst().getFormattedMessage();
    }
}
