package org.hospital.query.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Writes resources with HAPI's JSON parser, as {@code application/fhir+json} (or {@code application/json} for a client
 * that asks for that and not for FHIR JSON). The parser writes the bytes itself: the application's JSON mapper and
 * Spring's converters never see a FHIR resource.
 */
@Component
class FhirOutput {

    static final MediaType FHIR_JSON = MediaType.valueOf("application/fhir+json");
    private static final MediaType FHIR_JSON_LEGACY = MediaType.valueOf("application/json+fhir");
    private static final List<String> JSON_FORMATS = List.of("json", "application/json", "application/fhir+json",
            "application/json+fhir");

    private final FhirContext fhir;

    FhirOutput(FhirContext fhir) {
        this.fhir = fhir;
    }

    ResponseEntity<byte[]> ok(HttpServletRequest request, IBaseResource resource) {
        return answer(request, HttpStatus.OK, resource, mediaType(request));
    }

    /** An error answer; it never fails on the client's Accept header (that would hide the error). */
    ResponseEntity<byte[]> error(HttpServletRequest request, HttpStatus status, IBaseResource outcome) {
        MediaType type;
        try {
            type = mediaType(request);
        } catch (NotAcceptable e) {
            type = FHIR_JSON;
        }
        return answer(request, status, outcome, type);
    }

    byte[] encode(IBaseResource resource, boolean pretty) {
        IParser parser = fhir.newJsonParser().setPrettyPrint(pretty);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8_192);
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            parser.encodeResourceToWriter(resource, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private ResponseEntity<byte[]> answer(HttpServletRequest request, HttpStatus status, IBaseResource resource,
                                          MediaType type) {
        byte[] body = encode(resource, "true".equals(request.getParameter("_pretty")));
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, new MediaType(type, StandardCharsets.UTF_8).toString())
                .body(body);
    }

    /**
     * {@code _format} wins over {@code Accept} (FHIR R4 http, "Content Types"). JSON only: XML and RDF are not
     * served.
     */
    static MediaType mediaType(HttpServletRequest request) {
        String format = request.getParameter("_format");
        if (format != null) {
            if (!JSON_FORMATS.contains(format.trim())) {
                throw new NotAcceptable();
            }
            return format.trim().equals("application/json") ? MediaType.APPLICATION_JSON : FHIR_JSON;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return FHIR_JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new NotAcceptable();
        }
        accepted = new ArrayList<>(accepted);
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (type.includes(FHIR_JSON) || type.isCompatibleWith(FHIR_JSON_LEGACY)) {
                return FHIR_JSON;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON;
            }
        }
        throw new NotAcceptable();
    }
}
