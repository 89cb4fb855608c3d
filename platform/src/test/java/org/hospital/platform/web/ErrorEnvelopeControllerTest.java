package org.hospital.platform.web;

import jakarta.servlet.RequestDispatcher;
import org.hospital.platform.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorEnvelopeControllerTest {

    private final ErrorEnvelopeController controller = new ErrorEnvelopeController();

    @Test
    void answersContainerErrorsInTheEnvelopeWithOnlyTheRequestId() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("SELECT * FROM secrets"));
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setHeader(RequestIds.HEADER, "req-1");

        var answer = controller.error(request, response);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody()).isEqualTo(ApiError.of(ErrorCode.INTERNAL_ERROR, "Internal error",
                java.util.List.of(), "req-1"));
    }

    @Test
    void keepsTheStatusOfARejectedRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 413);

        var answer = controller.error(request, new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(answer.getBody().code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void answers503WhenAFilterCouldNotReachTheDatabase() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
                new org.springframework.jdbc.CannotGetJdbcConnectionException("Failed to obtain JDBC Connection"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        var answer = controller.error(request, response);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().code()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(answer.getBody().error()).isEqualTo("Service temporarily unavailable");
    }
}
