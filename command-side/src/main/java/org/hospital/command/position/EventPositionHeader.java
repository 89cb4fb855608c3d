package org.hospital.command.position;

import org.hospital.platform.web.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.hospital.platform.web.ApiResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds {@code X-Event-Position} to every success response of a request that appended events (or answered from
 * stored ones): the highest {@code global_index} among them. The answer is written after the command's transaction
 * committed, so the rows are there to look up, by their unique event identifier. Error responses carry no position.
 * The data is stored by then: if the position cannot be read (the database is busy or gone), the success answer
 * goes out without the header rather than as an error for a write that happened.
 */
@ControllerAdvice
class EventPositionHeader implements ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(EventPositionHeader.class);

    private final EventPositionLookup lookup;

    EventPositionHeader(EventPositionLookup lookup) {
        this.lookup = lookup;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ApiResponse<?>) {
            try {
                EventPositions.collected().flatMap(lookup::position).ifPresent(
                        position -> response.getHeaders().set(EventPositions.HEADER, String.valueOf(position)));
            } catch (DataAccessException e) {
                log.warn("Event position not available for request {}; answered without it", RequestIds.current(), e);
            }
        }
        return body;
    }
}
