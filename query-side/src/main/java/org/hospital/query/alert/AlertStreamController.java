package org.hospital.query.alert;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.CurrentUser;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.web.ApiError;
import org.hospital.platform.web.HttpStatuses;
import org.hospital.platform.web.RequestIds;
import org.hospital.query.QuerySettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /alerts/stream}: server-sent events of alert changes the caller may see (issue 4 §7). Each event has
 * {@code id:} (resume with {@code Last-Event-ID}), {@code event: alert} and the change as JSON; comment lines keep
 * an idle connection open. Refusals are written here as the error envelope, because a client that asked for
 * {@code text/event-stream} would otherwise get no JSON body from the shared exception handler.
 */
@RestController
class AlertStreamController {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Pattern CHANGE_ID = Pattern.compile("[0-9]{1,18}");

    private final AlertChangeFeed feed;
    private final StreamSlots slots;
    private final QuerySettings.AlertStream settings;
    private final JsonMapper json;

    AlertStreamController(AlertChangeFeed feed, StreamSlots slots, QuerySettings settings, JsonMapper json) {
        this.feed = feed;
        this.slots = slots;
        this.settings = settings.alertStream();
        this.json = json;
    }

    @GetMapping("/alerts/stream")
    SseEmitter stream(@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId,
                      HttpServletResponse response) throws IOException {
        CurrentUser user = CurrentUsers.required();
        Long resumeAfter = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            if (!CHANGE_ID.matcher(lastEventId.strip()).matches()) {
                refuse(response, ErrorCode.VALIDATION_FAILED, "Invalid request header",
                        List.of(new ApiError.FieldProblem(LAST_EVENT_ID, "must be an event id of this stream")));
                return null;
            }
            resumeAfter = Long.parseLong(lastEventId.strip());
        }
        if (user.userId() == null || !slots.tryAcquire(user.userId())) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, settings.retryAfter().toSeconds())));
            refuse(response, ErrorCode.RATE_LIMITED, "Too many open alert streams", List.of());
            return null;
        }
        // Proxies must pass events on as they come, not cache or buffer them.
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store");
        response.setHeader("X-Accel-Buffering", "no");
        return feed.open(user, resumeAfter);
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String message,
                        List<ApiError.FieldProblem> details) throws IOException {
        response.setStatus(HttpStatuses.of(code));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(code, message, details, RequestIds.current()));
    }
}
