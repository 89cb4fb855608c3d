package org.hospital.query.alert;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Locale;
import org.hospital.events.AlertStatus;
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

/** {@code GET /encounters/{encounter_id}/alerts?status=open|acknowledged|resolved} (docs/api.md, Query side). */
@RestController
class EncounterAlertsController {

    private final AccessGuard access;
    private final AlertViews views;
    private final ReadYourWrites readYourWrites;

    EncounterAlertsController(AccessGuard access, AlertViews views, ReadYourWrites readYourWrites) {
        this.access = access;
        this.views = views;
        this.readYourWrites = readYourWrites;
    }

    @GetMapping("/encounters/{encounter_id}/alerts")
    ResponseEntity<ApiResponse<List<AlertView>>> alerts(@PathVariable("encounter_id") @Positive long encounterId,
                                                        @RequestParam(name = "status", required = false)
                                                        @Pattern(regexp = AlertStatus.WIRE_PATTERN,
                                                                message = "must be one of open, acknowledged, resolved")
                                                        String status,
                                                        MinPosition minPosition) {
        Freshness freshness = readYourWrites.awaitEncounter(encounterId, minPosition);
        access.requireVisibleEncounter(encounterId);
        AlertStatus filter = status == null ? null : AlertStatus.valueOf(status.toUpperCase(Locale.ROOT));
        return freshness.ok(ApiResponse.success(views.of(encounterId, filter)));
    }
}
