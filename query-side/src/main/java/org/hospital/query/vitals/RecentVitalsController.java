package org.hospital.query.vitals;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.hospital.platform.web.ApiResponse;
import org.hospital.query.access.AccessGuard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /patients/{patient_id}/vitals/recent} (CONTRACT §4). */
@RestController
class RecentVitalsController {

    private final AccessGuard access;
    private final VitalsViews views;

    RecentVitalsController(AccessGuard access, VitalsViews views) {
        this.access = access;
        this.views = views;
    }

    @GetMapping("/patients/{patient_id}/vitals/recent")
    ApiResponse<RecentVitals> recent(@PathVariable("patient_id") @Positive long patientId,
                                     @RequestParam(name = "limit", defaultValue = "10") @Min(1) @Max(500) int limit) {
        access.requireVisiblePatient(patientId);
        return ApiResponse.success(new RecentVitals(views.recentOf(patientId, limit)));
    }

    record RecentVitals(List<VitalsReading> vitals) {
    }
}
