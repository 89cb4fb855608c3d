package org.hospital.query.encounter;

import jakarta.validation.constraints.Positive;
import java.util.List;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.web.ApiResponse;
import org.hospital.query.access.AccessGuard;
import org.hospital.query.access.EncounterScope;
import org.hospital.query.alert.AlertViews;
import org.hospital.query.consistency.Freshness;
import org.hospital.query.consistency.MinPosition;
import org.hospital.query.consistency.ReadYourWrites;
import org.hospital.query.observation.ObservationViews;
import org.hospital.query.vitals.VitalsViews;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The encounter views of docs/api.md, Query side: a doctor's patient list, a patient's current encounter, the overview.
 * The encounter- and patient-scoped views wait for {@code min_position} (read-your-writes); the doctor's list spans
 * many encounters, whose positions say nothing about each other, so it answers at once.
 */
@RestController
class EncounterQueriesController {

    private final AccessGuard access;
    private final EncounterViews encounters;
    private final VitalsViews vitals;
    private final ObservationViews observations;
    private final AlertViews alerts;
    private final ReadYourWrites readYourWrites;

    EncounterQueriesController(AccessGuard access, EncounterViews encounters, VitalsViews vitals,
                               ObservationViews observations, AlertViews alerts, ReadYourWrites readYourWrites) {
        this.access = access;
        this.readYourWrites = readYourWrites;
        this.encounters = encounters;
        this.vitals = vitals;
        this.observations = observations;
        this.alerts = alerts;
    }

    @GetMapping("/doctors/{doctor_id}/patients")
    ApiResponse<DoctorPatients> patientsOf(@PathVariable("doctor_id") @Positive long doctorId) {
        access.requirePatientListOf(doctorId);
        List<EncounterSummary> active = encounters.activeEncountersOf(doctorId);
        if (active.isEmpty() && !encounters.doctorKnown(doctorId)) {
            throw new NotFoundException("Doctor");
        }
        return ApiResponse.success(new DoctorPatients(active));
    }

    @GetMapping("/patients/{patient_id}/encounter")
    ResponseEntity<ApiResponse<CurrentEncounter>> currentEncounterOf(
            @PathVariable("patient_id") @Positive long patientId, MinPosition minPosition) {
        Freshness freshness = readYourWrites.awaitPatient(patientId, minPosition);
        access.requireVisiblePatient(patientId);
        return freshness.ok(ApiResponse.success(
                new CurrentEncounter(encounters.activeEncounterOf(patientId).orElse(null))));
    }

    @GetMapping("/encounters/{encounter_id}/overview")
    ResponseEntity<ApiResponse<EncounterOverview>> overview(@PathVariable("encounter_id") @Positive long encounterId,
                                                            MinPosition minPosition) {
        Freshness freshness = readYourWrites.awaitEncounter(encounterId, minPosition);
        EncounterScope scope = access.requireVisibleEncounter(encounterId);
        var head = encounters.overviewHead(scope.encounterId()).orElseThrow(() -> new NotFoundException("Encounter"));
        return freshness.ok(ApiResponse.success(new EncounterOverview(head.encounterId(), head.patientId(),
                vitals.latestOf(encounterId).orElse(null), observations.lastOf(encounterId).orElse(null),
                alerts.unresolvedCount(encounterId), head.news2(), head.status(), head.spo2Scale())));
    }

    record DoctorPatients(List<EncounterSummary> encounters) {
    }

    record CurrentEncounter(EncounterSummary encounter) {
    }
}
