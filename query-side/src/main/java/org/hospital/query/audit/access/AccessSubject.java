package org.hospital.query.audit.access;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the patient or encounter a read concerns when its path does not (a FHIR search's {@code encounter}
 * parameter, an Observation id that stands for a reading): the access log records it like a path's
 * {@code patient_id} or {@code encounter_id}. Name it before the access check, so a refused read is recorded with it.
 */
public final class AccessSubject {

    static final String PATIENT = AccessSubject.class.getName() + ".patient";
    static final String ENCOUNTER = AccessSubject.class.getName() + ".encounter";

    private AccessSubject() {
    }

    public static void patient(HttpServletRequest request, long patientId) {
        request.setAttribute(PATIENT, patientId);
    }

    public static void encounter(HttpServletRequest request, long encounterId) {
        request.setAttribute(ENCOUNTER, encounterId);
    }
}
