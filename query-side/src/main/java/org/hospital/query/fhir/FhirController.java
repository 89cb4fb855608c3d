package org.hospital.query.fhir;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hospital.platform.error.NotFoundException;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.query.access.AccessGuard;
import org.hospital.query.access.EncounterScope;
import org.hospital.query.access.ReadAccessRules;
import org.hospital.query.audit.access.AccessSubject;
import org.hospital.query.fhir.FhirViews.EncounterRow;
import org.hospital.query.fhir.FhirViews.ObservationPage;
import org.hospital.query.fhir.FhirViews.ObservationRow;
import org.hospital.query.fhir.FhirViews.ReadingRow;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The FHIR R4 routes of docs/fhir.md. Access is decided as for the REST API (docs/api.md, Roles): reads of an id the
 * caller may not see answer 404 like unknown ids; NEWS2 and alerts are for clinicians (a patient reads their
 * encounters and vital signs). Path variables named {@code patient_id} and {@code encounter_id}, and
 * {@link AccessSubject} otherwise, give the access log the patient each read concerns.
 */
@RestController
@RequestMapping(FhirController.BASE)
class FhirController {

    static final String BASE = "/fhir/r4";
    private static final UrlPathHelper URL_PATHS = new UrlPathHelper();

    private final AccessGuard access;
    private final FhirViews views;
    private final FhirOutput output;

    FhirController(AccessGuard access, FhirViews views, FhirOutput output) {
        this.access = access;
        this.views = views;
        this.output = output;
    }

    @GetMapping("/metadata")
    ResponseEntity<byte[]> metadata(HttpServletRequest request) {
        return output.ok(request, FhirCapabilities.statement(baseUrl()));
    }

    @GetMapping("/Patient/{patient_id}")
    ResponseEntity<byte[]> patient(@PathVariable("patient_id") long patientId, HttpServletRequest request) {
        FhirOutput.mediaType(request);
        access.requireVisiblePatient(patientId);
        return output.ok(request, FhirResources.patient(views.patient(patientId)
                .orElseThrow(() -> new NotFoundException("Patient"))));
    }

    @GetMapping("/Encounter/{encounter_id}")
    ResponseEntity<byte[]> encounter(@PathVariable("encounter_id") long encounterId, HttpServletRequest request) {
        FhirOutput.mediaType(request);
        named(request, access.requireEncounterInRecord(encounterId));
        return output.ok(request, FhirResources.encounter(encounter(encounterId)));
    }

    /** The patient's encounters the caller may read (none, for a patient the caller may not see). */
    @GetMapping("/Encounter")
    ResponseEntity<byte[]> encounters(@RequestParam MultiValueMap<String, String> parameters,
                                      HttpServletRequest request) {
        FhirOutput.mediaType(request);
        SearchParameters search = new SearchParameters(parameters, Set.of("patient"));
        long patientId = search.reference("patient", "Patient");
        AccessSubject.patient(request, patientId);
        var user = CurrentUsers.required();
        List<Resource> visible = new ArrayList<>();
        for (EncounterRow row : views.encountersOf(patientId, search.ascendingByDate())) {
            if (ReadAccessRules.maySeeEncounterInRecord(user, scope(row))) {
                visible.add(FhirResources.encounter(row));
            }
        }
        return output.ok(request, page(visible, search.count(), search.offset()));
    }

    @GetMapping("/Encounter/{encounter_id}/$everything")
    ResponseEntity<byte[]> everything(@PathVariable("encounter_id") long encounterId, HttpServletRequest request) {
        FhirOutput.mediaType(request);
        EncounterScope scope = named(request, access.requireEncounterInRecord(encounterId));
        boolean clinician = ReadAccessRules.maySeeEncounter(CurrentUsers.required(), scope);
        EncounterRow encounter = encounter(encounterId);
        List<Resource> resources = new ArrayList<>();
        resources.add(FhirResources.encounter(encounter));
        if (access.maySeePatient(encounter.patientId())) {
            views.patient(encounter.patientId()).map(FhirResources::patient).ifPresent(resources::add);
        }
        for (ReadingRow reading : views.readingsOf(encounterId)) {
            for (VitalSign sign : VitalSign.signsIn(reading)) {
                resources.add(FhirResources.vitalSign(sign, reading));
            }
        }
        if (clinician) {
            views.news2OfEncounter(encounterId).map(FhirResources::news2).ifPresent(resources::add);
            views.alertsOf(encounterId, true).stream().map(FhirResources::flag).forEach(resources::add);
        }
        // Every entry is a match of the operation; the mode would add 27 bytes to each of thousands of entries.
        return output.ok(request, bundle(resources, resources.size(), null));
    }

    /** {@code hr-<reading id>} and the other vital signs' keys, or {@code news2-<reading id>}. */
    @GetMapping("/Observation/{id}")
    ResponseEntity<byte[]> observation(@PathVariable("id") String id, HttpServletRequest request) {
        FhirOutput.mediaType(request);
        int dash = id.lastIndexOf('-');
        long readingId = dash < 0 ? -1 : number(id.substring(dash + 1));
        String kind = dash < 0 ? "" : id.substring(0, dash);
        if (kind.equals(SearchParameters.NEWS2)) {
            var news2 = views.news2(readingId).orElseThrow(() -> new NotFoundException("Observation"));
            AccessSubject.encounter(request, news2.encounterId());
            named(request, access.requireVisibleEncounter(news2.encounterId()));
            return output.ok(request, FhirResources.news2(news2));
        }
        VitalSign sign = VitalSign.byKey(kind).orElseThrow(() -> new NotFoundException("Observation"));
        ReadingRow reading = views.reading(readingId).filter(sign::presentIn)
                .orElseThrow(() -> new NotFoundException("Observation"));
        AccessSubject.encounter(request, reading.encounterId());
        named(request, access.requireEncounterInRecord(reading.encounterId()));
        return output.ok(request, FhirResources.vitalSign(sign, reading));
    }

    @GetMapping("/Observation")
    ResponseEntity<byte[]> observations(@RequestParam MultiValueMap<String, String> parameters,
                                        HttpServletRequest request) {
        FhirOutput.mediaType(request);
        SearchParameters search = new SearchParameters(parameters, Set.of("encounter", "category", "code", "date"));
        long encounterId = search.reference("encounter", "Encounter");
        AccessSubject.encounter(request, encounterId);
        ObservationSearch query = new ObservationSearch(encounterId, search.observationKinds(), search.dates(),
                search.ascendingByDate(), search.count(), search.offset());
        EncounterScope scope = named(request, access.requireEncounterInRecord(encounterId));
        boolean clinician = ReadAccessRules.maySeeEncounter(CurrentUsers.required(), scope);
        ObservationPage page = views.observations(query, clinician);
        List<Resource> resources = new ArrayList<>();
        for (ObservationRow row : page.rows()) {
            resources.add(observation(row));
        }
        Bundle bundle = bundle(resources, page.total(), Bundle.SearchEntryMode.MATCH);
        links(bundle, query.count(), query.offset(), page.total());
        return output.ok(request, bundle);
    }

    @GetMapping("/Flag/{id}")
    ResponseEntity<byte[]> flag(@PathVariable("id") String id, HttpServletRequest request) {
        FhirOutput.mediaType(request);
        var alert = views.alert(number(id)).orElseThrow(() -> new NotFoundException("Flag"));
        AccessSubject.encounter(request, alert.encounterId());
        named(request, access.requireVisibleEncounter(alert.encounterId()));
        return output.ok(request, FhirResources.flag(alert));
    }

    @GetMapping("/Flag")
    ResponseEntity<byte[]> flags(@RequestParam MultiValueMap<String, String> parameters, HttpServletRequest request) {
        FhirOutput.mediaType(request);
        SearchParameters search = new SearchParameters(parameters, Set.of("encounter"));
        long encounterId = search.reference("encounter", "Encounter");
        AccessSubject.encounter(request, encounterId);
        named(request, access.requireVisibleEncounter(encounterId));
        List<Resource> flags = new ArrayList<>();
        views.alertsOf(encounterId, search.ascendingByDate()).stream().map(FhirResources::flag).forEach(flags::add);
        return output.ok(request, page(flags, search.count(), search.offset()));
    }

    /** Once the read is allowed, the access log names the encounter's patient without looking it up. */
    private static EncounterScope named(HttpServletRequest request, EncounterScope scope) {
        AccessSubject.encounter(request, scope.encounterId());
        AccessSubject.patient(request, scope.patientId());
        return scope;
    }

    private EncounterRow encounter(long encounterId) {
        return views.encounter(encounterId).orElseThrow(() -> new NotFoundException("Encounter"));
    }

    private static EncounterScope scope(EncounterRow row) {
        return new EncounterScope(row.id(), row.patientId(), row.doctorId(), row.ward());
    }

    private static Observation observation(ObservationRow row) {
        if (row.news2() != null) {
            return FhirResources.news2(row.news2());
        }
        return FhirResources.vitalSign(VitalSign.byKey(row.kind()).orElseThrow(), row.reading());
    }

    /** A searchset page of results already in memory (an encounter's alerts, a patient's encounters). */
    private Bundle page(List<Resource> all, int count, int offset) {
        List<Resource> page = offset >= all.size() ? List.of()
                : all.subList(offset, Math.min(all.size(), offset + count));
        Bundle bundle = bundle(page, all.size(), Bundle.SearchEntryMode.MATCH);
        links(bundle, count, offset, all.size());
        return bundle;
    }

    /** A searchset of {@code resources}, each entry with {@code mode} as its search mode when given. */
    private Bundle bundle(List<? extends Resource> resources, long total, Bundle.SearchEntryMode mode) {
        String base = baseUrl();
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal((int) total);
        bundle.addLink().setRelation("self").setUrl(currentUrl(null));
        for (Resource resource : resources) {
            Bundle.BundleEntryComponent entry = bundle.addEntry()
                    .setFullUrl(base + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource);
            if (mode != null) {
                entry.getSearch().setMode(mode);
            }
        }
        return bundle;
    }

    /** {@code next} and {@code previous}: the same search with another {@code _offset}. */
    private static void links(Bundle bundle, int count, int offset, long total) {
        if (count > 0 && offset + count < total) {
            bundle.addLink().setRelation("next").setUrl(currentUrl(offset + count));
        }
        if (offset > 0) {
            bundle.addLink().setRelation("previous").setUrl(currentUrl(Math.max(0, offset - Math.max(count, 1))));
        }
    }

    /**
     * This request's URL, with another {@code _offset} if given: built from the decoded path and parameters and
     * encoded once (the raw request URL would be encoded twice by the URI builder).
     */
    private static String currentUrl(Integer offset) {
        HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest();
        StringBuilder url = new StringBuilder(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString())
                .append(UriUtils.encodePath(URL_PATHS.getPathWithinApplication(request), StandardCharsets.UTF_8));
        char separator = '?';
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (offset != null && parameter.getKey().equals("_offset")) {
                continue;
            }
            for (String value : parameter.getValue()) {
                url.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        if (offset != null) {
            url.append(separator).append("_offset=").append(offset);
        }
        return url.toString();
    }

    private static String baseUrl() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(BASE).toUriString();
    }

    /** An id that is not a positive number names nothing here: 404, as an unknown id. */
    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Resource");
        }
    }
}
