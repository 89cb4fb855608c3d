package org.hospital.query.vitals;

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

/** {@code GET /patients/{patient_id}/vitals/recent} (docs/api.md, Query side). */
@RestController
class RecentVitalsController {

    private final AccessGuard access;
    private final VitalsViews views;
    private final ReadYourWrites readYourWrites;

    RecentVitalsController(AccessGuard access, VitalsViews views, ReadYourWrites readYourWrites) {
        this.access = access;
        this.views = views;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/patients/{patient_id}/vitals/recent")
    ResponseEntity<ApiResponse<RecentVitals>> recent(
            @PathVariable("patient_id") @Positive long patientId,
            @RequestParam(name = "limit", defaultValue = "10") @Min(1) @Max(500) int limit,
            MinPosition minPosition) {
        Freshness freshness = readYourWrites.awaitPatient(patientId, minPosition);
        access.requireVisiblePatient(patientId);
        return freshness.ok(ApiResponse.success(new RecentVitals(views.recentOf(patientId, limit))));
    }

    record RecentVitals(List<VitalsReading> vitals) {
    }
}
