package org.hospital.query.audit.access;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.List;
import org.hospital.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Who viewed this patient?" ({@code GET /patients/{patient_id}/access-log}, newest first, paginated by id) and
 * the chain check ({@code GET /admin/access-log/verify}); admins and auditors only ({@link AccessLogConfiguration}).
 */
@RestController
class AccessLogController {

    private final AccessLog accessLog;

    AccessLogController(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @GetMapping("/patients/{patient_id}/access-log")
    ApiResponse<Page> ofPatient(@PathVariable("patient_id") @Positive long patientId,
                                @RequestParam(name = "page_size", defaultValue = "100") @Min(1) @Max(1000)
                                int pageSize,
                                @RequestParam(name = "before_id", required = false) @Positive Long beforeId) {
        List<Entry> entries = accessLog.ofPatient(patientId, beforeId == null ? Long.MAX_VALUE : beforeId,
                pageSize + 1);
        Long next = null;
        if (entries.size() > pageSize) {
            entries = entries.subList(0, pageSize);
            next = entries.getLast().id();
        }
        return ApiResponse.success(new Page(List.copyOf(entries), next));
    }

    @GetMapping("/admin/access-log/verify")
    ApiResponse<AccessLog.Verification> verify() {
        return ApiResponse.success(accessLog.verify());
    }

    /** One page, newest first; {@code nextBeforeId} is the cursor of the next (older) page, null on the last. */
    record Page(List<Entry> entries, Long nextBeforeId) {
    }

    record Entry(long id, Instant timestamp, Long userId, String role, Long deviceId, Long patientId,
                 Long encounterId, String action, int outcome, String requestId) {
    }
}
