package org.hospital.query.observation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.hospital.platform.web.ApiResponse;
import org.hospital.query.access.AccessGuard;
import org.hospital.query.consistency.Freshness;
import org.hospital.query.consistency.MinPosition;
import org.hospital.query.consistency.ReadYourWrites;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /encounters/{encounter_id}/observations?limit=50}: the encounter's notes, newest first. An addition to
 * docs/api.md, Query side (the overview shows only the last note).
 */
@RestController
class ObservationsController {

    private final AccessGuard access;
    private final ObservationViews views;
    private final ReadYourWrites readYourWrites;

    ObservationsController(AccessGuard access, ObservationViews views, ReadYourWrites readYourWrites) {
        this.access = access;
        this.views = views;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/encounters/{encounter_id}/observations")
    ResponseEntity<ApiResponse<Observations>> observations(
            @PathVariable("encounter_id") @Positive long encounterId,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(500) int limit,
            MinPosition minPosition) {
        Freshness freshness = readYourWrites.awaitEncounter(encounterId, minPosition);
        access.requireVisibleEncounter(encounterId);
        return freshness.ok(ApiResponse.success(new Observations(views.recentOf(encounterId, limit))));
    }

    record Observations(List<ObservationView> observations) {
    }
}
