package org.hospital.query.alert;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Locale;
import org.hospital.platform.web.ApiResponse;
import org.hospital.query.access.AccessGuard;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /encounters/{encounter_id}/alerts?status=open|acknowledged|resolved} (CONTRACT §4). */
@RestController
class EncounterAlertsController {

    private final AccessGuard access;
    private final AlertViews views;

    EncounterAlertsController(AccessGuard access, AlertViews views) {
        this.access = access;
        this.views = views;
    }

    @GetMapping("/encounters/{encounter_id}/alerts")
    ApiResponse<List<AlertView>> alerts(@PathVariable("encounter_id") @Positive long encounterId,
                                        @RequestParam(name = "status", required = false)
                                        @Pattern(regexp = AlertStatus.WIRE_PATTERN,
                                                message = "must be one of open, acknowledged, resolved")
                                        String status) {
        access.requireVisibleEncounter(encounterId);
        AlertStatus filter = status == null ? null : AlertStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return ApiResponse.success(views.of(encounterId, filter));
    }
}
