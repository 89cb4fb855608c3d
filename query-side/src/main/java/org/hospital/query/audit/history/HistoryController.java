package org.hospital.query.audit.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.web.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /encounters/{encounter_id}/history} for auditors and admins (docs/api.md, Roles; roles in
 * {@link HistoryEndpointRules}): the events page by page, or with {@code as_of} the encounter's state at that
 * instant. Answers from {@code audit_event} only, so it keeps working while the views are rebuilt.
 */
@RestController
class HistoryController {

    private final AuditEvents events;

    HistoryController(AuditEvents events) {
        this.events = events;
    }

    @GetMapping("/encounters/{encounter_id}/history")
    ApiResponse<?> history(@PathVariable("encounter_id") @Positive long encounterId,
                           @RequestParam(name = "as_of", required = false) String asOf,
                           @RequestParam(name = "page_size", defaultValue = "200") @Min(1) @Max(1000) int pageSize,
                           @RequestParam(name = "after_sequence", required = false) @Min(0) Long afterSequence) {
        if (!events.known(encounterId)) {
            throw new NotFoundException("Encounter");
        }
        if (asOf != null) {
            Instant instant = instant(asOf);
            return ApiResponse.success(EncounterTimeline.stateAt(encounterId, instant,
                    events.upTo(encounterId, instant)));
        }
        List<HistoryEntry> page = events.page(encounterId, afterSequence == null ? -1 : afterSequence,
                pageSize + 1);
        Long next = null;
        if (page.size() > pageSize) {
            page = page.subList(0, pageSize);
            next = page.getLast().sequence();
        }
        return ApiResponse.success(new HistoryPage(List.copyOf(page), next));
    }

    /**
     * docs/api.md, Envelope timestamps: with an offset, or none (UTC). A {@code +} that arrived unencoded in the query
     * string reads as a space and is taken back as {@code +}.
     */
    static Instant instant(String text) {
        String value = text.trim().replace(' ', '+');
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new InvalidParameter("as_of", "an ISO-8601 timestamp such as 2023-10-27T10:00:00Z");
            }
        }
    }

    /** One page of the history; {@code nextAfterSequence} is the cursor of the next page, null on the last. */
    record HistoryPage(List<HistoryEntry> events, Long nextAfterSequence) {
    }
}
