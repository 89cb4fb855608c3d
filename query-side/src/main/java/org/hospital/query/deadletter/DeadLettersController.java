package org.hospital.query.deadletter;

import org.hospital.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/dead-letters} lists the projections' parked events (admins, auditors);
 * {@code POST /admin/dead-letters/retry} processes them again (admins), all of them or one processing group's, or one
 * sequence's (an encounter id). The alerting saga's are served by the alerting side
 * ({@code /admin/alerting/dead-letters}).
 */
@RestController
class DeadLettersController {

    private static final int MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    DeadLettersController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/admin/dead-letters")
    ApiResponse<DeadLetterList> list(@RequestParam(name = "processing_group", required = false) String group,
                                     @RequestParam(name = "limit", defaultValue = "100") int limit) {
        return ApiResponse.success(deadLetters.list(group, Math.clamp(limit, 1, MAX_LIMIT)));
    }

    @PostMapping("/admin/dead-letters/retry")
    ApiResponse<RetryResult> retry(@RequestParam(name = "processing_group", required = false) String group,
                                   @RequestParam(name = "sequence", required = false) String sequence) {
        return ApiResponse.success(deadLetters.retry(group, sequence));
    }
}
