package org.hospital.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.hospital.platform.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Requests that Tomcat refuses before any filter or servlet runs (a path with an encoded NUL, slash or invalid
 * UTF-8, headers over the size limit, an unparseable request line) would get Tomcat's HTML error page without a
 * request id. This puts a report valve on the host that answers those in the contract's envelope instead, with an
 * {@code X-Request-Id}, and nothing about the server.
 */
@Component
@ConditionalOnClass(ErrorReportValve.class)
class ContainerErrorEnvelope implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        // Innermost on the host, so it reports before any other report valve (only the first one may report).
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new EnvelopeValve()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static final class EnvelopeValve extends ErrorReportValve {

        private static final Logger log = LoggerFactory.getLogger(ContainerErrorEnvelope.class);

        EnvelopeValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String requestId = response.getHeader(RequestIds.HEADER);
            if (requestId == null) {
                requestId = RequestIds.acceptOrGenerate(null);
                response.setHeader(RequestIds.HEADER, requestId);
            }
            ErrorCode code = switch (status) {
                case 401 -> ErrorCode.UNAUTHENTICATED;
                case 403 -> ErrorCode.FORBIDDEN;
                case 404 -> ErrorCode.NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
                default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED;
            };
            String message = status >= 500 ? "Internal error" : "Request rejected";
            if (status >= 500) {
                log.error("Container error {} for request {}", status, requestId, throwable);
            } else {
                log.info("Request {} refused by the container with status {}", requestId, status);
            }
            // Written by hand: the request never reached Spring, and every value here is a fixed, safe text.
            String body = "{\"status\":\"error\",\"error\":\"" + message + "\",\"code\":\"" + code.name()
                    + "\",\"details\":[],\"request_id\":\"" + requestId + "\"}";
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response cannot be written; nothing more to do.
            }
        }
    }
}
