package org.hospital.command.vitals;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.hospital.command.vitals.ReadingOutcome.Duplicate;
import org.hospital.command.vitals.ReadingOutcome.Rejected;
import org.hospital.command.vitals.ReadingOutcome.Stored;
import org.hospital.command.vitals.VitalsIngestion.Accepted;
import org.hospital.platform.error.DomainException;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.security.CurrentUsers;
import org.hospital.platform.web.ApiError.FieldProblem;
import org.hospital.platform.web.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /vitals} (one reading, 201 once its event is committed) and {@code POST /vitals/batch} (up to
 * {@value #MAX_BATCH} readings, 202 with a result per reading; valid readings are stored even when others are not).
 * Devices post for the encounter in their room, nurses for encounters on their ward. A retried reading (same
 * {@code Idempotency-Key}, or same encounter, timestamp and sender) is answered with its original id and stored once.
 */
@RestController
class VitalsController {

    static final int MAX_BATCH = 1000;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final VitalsIngestion ingestion;
    private final JsonMapper json;
    private final Validator validator;

    VitalsController(VitalsIngestion ingestion, JsonMapper json, Validator validator) {
        this.ingestion = ingestion;
        this.json = json;
        this.validator = validator;
    }

    record VitalsReceived(long id, String status) {
    }

    /** The readings stay raw JSON here so that one malformed reading fails alone, not the whole batch. */
    record BatchRequest(@ArraySchema(schema = @Schema(implementation = VitalsRequest.class), minItems = 1,
            maxItems = MAX_BATCH) List<JsonNode> readings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record BatchResult(int index, Long id, String status, List<FieldProblem> errors) {
    }

    record BatchResponse(List<BatchResult> results) {
    }

    @PostMapping("/vitals")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<VitalsReceived> record(@RequestBody @Valid VitalsRequest request,
                                       @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        checkKey(key);
        ReadingOutcome outcome = ingestion.ingest(CurrentUsers.required(), List.of(new Accepted(request, key)))
                .getFirst();
        return switch (outcome) {
            case Stored stored -> ApiResponse.success(new VitalsReceived(stored.readingId(), "received"));
            case Duplicate duplicate -> ApiResponse.success(new VitalsReceived(duplicate.readingId(), "received"));
            case Rejected rejected -> throw new ReadingRejected(rejected);
        };
    }

    @PostMapping("/vitals/batch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<BatchResponse> batch(@RequestBody BatchRequest request,
                                     @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        checkKey(key);
        if (request.readings() == null || request.readings().isEmpty()) {
            throw new InvalidBatch("readings must hold 1 to " + MAX_BATCH + " readings");
        }
        if (request.readings().size() > MAX_BATCH) {
            throw new InvalidBatch("at most " + MAX_BATCH + " readings per batch");
        }
        List<BatchResult> results = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>();
        List<Integer> acceptedAt = new ArrayList<>();
        for (int index = 0; index < request.readings().size(); index++) {
            List<FieldProblem> problems = new ArrayList<>();
            VitalsRequest reading = parse(request.readings().get(index), problems);
            if (reading == null) {
                results.add(new BatchResult(index, null, "rejected", problems));
            } else {
                accepted.add(new Accepted(reading, key == null ? null : key + "#" + index));
                acceptedAt.add(index);
            }
        }
        List<ReadingOutcome> outcomes = accepted.isEmpty() ? List.of()
                : ingestion.ingest(CurrentUsers.required(), accepted);
        for (int i = 0; i < accepted.size(); i++) {
            int index = acceptedAt.get(i);
            results.add(switch (outcomes.get(i)) {
                case Stored stored -> new BatchResult(index, stored.readingId(), "received", null);
                case Duplicate duplicate -> new BatchResult(index, duplicate.readingId(), "received", null);
                case Rejected rejected -> new BatchResult(index, null, "rejected",
                        List.of(new FieldProblem(rejected.code() == ErrorCode.VALIDATION_FAILED ? "timestamp"
                                : "encounter_id", rejected.message())));
            });
        }
        results.sort(Comparator.comparingInt(BatchResult::index));
        return ApiResponse.success(new BatchResponse(results));
    }

    /** The reading, or null with its problems listed: the same checks as {@code POST /vitals}. */
    private VitalsRequest parse(JsonNode node, List<FieldProblem> problems) {
        if (node == null || !node.isObject()) {
            problems.add(new FieldProblem(null, "a reading must be a JSON object"));
            return null;
        }
        VitalsRequest reading;
        try {
            reading = json.treeToValue(node, VitalsRequest.class);
        } catch (UnrecognizedPropertyException e) {
            problems.add(new FieldProblem(e.getPropertyName(), "unknown field"));
            return null;
        } catch (DatabindException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().getLast().getPropertyName();
            problems.add(new FieldProblem(field, "invalid value or type"));
            return null;
        } catch (JacksonException e) {
            problems.add(new FieldProblem(null, "invalid reading"));
            return null;
        }
        for (ConstraintViolation<VitalsRequest> violation : validator.validate(reading)) {
            problems.add(new FieldProblem(snake(violation.getPropertyPath().toString()), violation.getMessage()));
        }
        problems.sort(Comparator.comparing(p -> String.valueOf(p.field())));
        return problems.isEmpty() ? reading : null;
    }

    private static void checkKey(String key) {
        if (key != null && !SAFE_KEY.matcher(key).matches()) {
            throw new InvalidIdempotencyKey();
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    /** The outcome of a single reading that was not stored, in the envelope. */
    static final class ReadingRejected extends DomainException {

        ReadingRejected(Rejected rejected) {
            super(rejected.code(), rejected.message());
        }
    }

    static final class InvalidBatch extends DomainException {

        InvalidBatch(String message) {
            super(ErrorCode.VALIDATION_FAILED, message);
        }
    }

    static final class InvalidIdempotencyKey extends DomainException {

        InvalidIdempotencyKey() {
            super(ErrorCode.VALIDATION_FAILED, "Idempotency-Key must be 1 to 100 of A-Z a-z 0-9 . _ : -");
        }
    }
}
