package org.hospital.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What every answer must look like, whatever was sent (docs/api.md, Envelope): no 5xx, an {@code X-Request-Id}, every
 * error in the envelope with a known code and the request's id, and nothing in an error that names the implementation.
 */
final class ResponseRules {

    static final Set<String> CODES = Set.of("VALIDATION_FAILED", "MALFORMED_JSON", "UNAUTHENTICATED", "FORBIDDEN",
            "NOT_FOUND", "CONFLICT", "NO_ROOM_AVAILABLE", "RATE_LIMITED", "PAYLOAD_TOO_LARGE",
            "UNSUPPORTED_MEDIA_TYPE", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "SERVICE_UNAVAILABLE", "INTERNAL_ERROR");

    /** Words that would show a stack trace, a class, SQL or a component's name to a client. */
    static final List<String> INTERNAL_WORDS = List.of("exception", "org.", "java.", "jakarta.", "sql", "postgres",
            "axon", "hibernate", "jdbc", "jackson", "tomcat", "spring", "kafka", "\tat ", "caused by", "stacktrace",
            "trace", "duplicate key", "constraint", "relation \"", "column ");

    private ResponseRules() {
    }

    /** The rules the answer breaks; empty when it keeps them all. */
    static List<String> broken(RawHttp.Call call, RawHttp.Answer answer) {
        List<String> problems = new ArrayList<>();
        if (answer.status() >= 500) {
            problems.add("status " + answer.status());
        }
        String requestId = answer.header("X-Request-Id");
        if (requestId == null || requestId.isBlank()) {
            problems.add("no X-Request-Id");
        }
        if (answer.status() >= 400) {
            problems.addAll(envelopeProblems(answer, requestId));
            String lower = answer.body().toLowerCase(Locale.ROOT);
            INTERNAL_WORDS.stream().filter(lower::contains).forEach(w -> problems.add("error body contains '" + w + "'"));
        } else if (answer.status() != 204 && !answer.body().isEmpty() && isJson(answer) && !isOperations(call)) {
            JsonNode body = parse(answer.body());
            if (body == null || !body.isObject() || !"success".equals(text(body, "status"))) {
                problems.add("success body is not the envelope");
            }
        }
        return problems;
    }

    private static List<String> envelopeProblems(RawHttp.Answer answer, String requestId) {
        List<String> problems = new ArrayList<>();
        if (!isJson(answer)) {
            problems.add("error content type " + answer.contentType());
        }
        JsonNode body = parse(answer.body());
        if (body == null || !body.isObject()) {
            problems.add("error body is not a JSON object");
            return problems;
        }
        if (!"error".equals(text(body, "status"))) {
            problems.add("status field is not 'error'");
        }
        String error = text(body, "error");
        if (error == null || error.isBlank()) {
            problems.add("no error message");
        }
        if (!CODES.contains(text(body, "code"))) {
            problems.add("unknown code " + text(body, "code"));
        }
        if (body.get("details") == null || !body.get("details").isArray()) {
            problems.add("details is not an array");
        }
        if (requestId != null && !requestId.equals(text(body, "request_id"))) {
            problems.add("request_id differs from X-Request-Id");
        }
        if (answer.status() == 429 && answer.header("Retry-After") == null) {
            problems.add("429 without Retry-After");
        }
        return problems;
    }

    /** Health and actuator answers have their own shapes, outside the API's envelope. */
    private static boolean isOperations(RawHttp.Call call) {
        return call.path().startsWith("/health") || call.path().startsWith("/actuator");
    }

    static boolean isJson(RawHttp.Answer answer) {
        String type = answer.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    static JsonNode parse(String body) {
        try {
            return HttpApi.JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }
}
