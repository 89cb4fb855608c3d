package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Thousands of generated requests against every endpoint of the running system (all sides in one JVM, real
 * PostgreSQL and Kafka, demo data): random and boundary values, wrong JSON types, nulls, deep nesting, bodies near
 * and over 1 MiB, unicode and control characters, SQL and script fragments, hostile path ids and parameters, other
 * patients' ids, bad content types and credentials. Every answer must keep {@link ResponseRules}; requests built to
 * be refused must be refused and must leave the command side's tables and the event store exactly as they were.
 *
 * <p>The seed is fixed ({@link #DEFAULT_SEED}); {@code -Dhostile.seed=<seed>} runs another, {@code
 * -Dhostile.seed=random} a new one. It is printed and named in every failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class HostileInputTest {

    /**
     * The build runs one fixed seed, so a red build names a request that fails every time (a seed drawn from the
     * clock failed a landing at random). {@code -Dhostile.seed=random} draws a new one for exploring; the seed run
     * is printed either way.
     */
    static final long DEFAULT_SEED = 6185776284081L;
    private static final long SEED = seed(System.getProperty("hostile.seed"));
    private static final int REFUSED_REQUESTS = Integer.getInteger("hostile.refused", 2000);
    private static final int MIXED_REQUESTS = Integer.getInteger("hostile.mixed", 2000);
    private static final int THREADS = 4;

    private static RunningSystem system;
    private static String databaseUrl;
    private static RawHttp http;
    private static Map<String, String> credentials;
    private static List<Endpoint> endpoints;
    private static long ownEncounter;
    private static long otherEncounter;

    @BeforeAll
    static void start() {
        System.out.println("HostileInputTest seed: " + SEED + " (rerun with -Dhostile.seed=" + SEED + ")");
        databaseUrl = TestInfrastructure.shared().newDatabase("hostile");
        system = RunningSystem.start("all", databaseUrl, "demo");
        http = new RawHttp(system.port());
        HttpApi api = system.api();
        String admin = api.login("admin", "password");
        String doctor = api.login("dr_house", "password");
        long doctorId = api.get("/auth/me", doctor).data().get("doctor_id").asLong();
        HttpApi.Response own = api.post("/encounters", doctor,
                "{\"patient_id\":1,\"doctor_id\":" + doctorId + ",\"room_id\":1}");
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        ownEncounter = own.data().get("id").asLong();
        HttpApi.Response other = api.post("/encounters", doctor,
                "{\"patient_id\":2,\"doctor_id\":" + doctorId + ",\"room_id\":3}");
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        otherEncounter = other.data().get("id").asLong();
        HttpApi.Response device = api.post("/devices", admin, "{\"room_id\":1,\"label\":\"hostile-monitor\"}");
        assertThat(device.status()).as(device.toString()).isEqualTo(201);

        credentials = new LinkedHashMap<>();
        credentials.put("admin", admin);
        credentials.put("doctor", doctor);
        credentials.put("nurse", api.login("nurse_joy", "password"));
        credentials.put("patient", api.login("patient_1", "password"));
        credentials.put("auditor", api.login("auditor", "password"));
        credentials.put("device", device.data().get("key").asString());
        String refreshToken = api.post("/auth/login", null, "{\"username\":\"auditor\",\"password\":\"password\"}")
                .data().get("refresh_token").asString();
        endpoints = Endpoints.all(doctorId, ownEncounter, otherEncounter, refreshToken);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void requestsBuiltToBeRefusedAreRefusedInTheEnvelopeAndStoreNothing() {
        Map<String, String> before = CommandSideState.awaitQuiet(databaseUrl);

        List<String> failures = fire(SEED, REFUSED_REQUESTS, 0, random -> refused(new Hostile(random)),
                HostileInputTest::refusedProblems);

        assertThat(failures).as(seedNote()).isEmpty();
        assertThat(CommandSideState.of(databaseUrl)).as("command side's tables and event store after refused requests; " + seedNote())
                .isEqualTo(before);
    }

    @Test
    @Order(2)
    void anyGeneratedRequestIsAnsweredWithoutServerErrorOrInternalDetail() {
        List<String> failures = fire(SEED, MIXED_REQUESTS, REFUSED_REQUESTS, random -> mixed(new Hostile(random)),
                (call, answer) -> ResponseRules.broken(call, answer));
        assertThat(failures).as(seedNote()).isEmpty();
    }

    @Test
    @Order(3)
    void textThatCannotBeStoredAsTextIsRefusedWhereverItWouldBeKept() {
        Map<String, String> before = CommandSideState.awaitQuiet(databaseUrl);
        String admin = credentials.get("admin");
        String nurse = credentials.get("nurse");
        List<String> failures = new ArrayList<>();
        for (String bad : List.of("\u0000", "nul\u0000inside", "bell\u0007", "esc\u001b[2J", "a\uD800b", "\uDC00z",
                "c1\u0085control")) {
            String quoted = Hostile.quote(bad);
            List<RawHttp.Call> calls = List.of(
                    RawHttp.Call.of("name", "POST", "/patients").bearer(admin)
                            .json("{\"name\":" + quoted + ",\"date_of_birth\":\"1970-01-01\",\"gender\":\"F\"}"),
                    RawHttp.Call.of("name", "POST", "/doctors").bearer(admin).json("{\"name\":" + quoted + "}"),
                    RawHttp.Call.of("name", "POST", "/nurses").bearer(admin)
                            .json("{\"name\":" + quoted + ",\"ward\":\"ICU\"}"),
                    RawHttp.Call.of("note", "POST", "/observations").bearer(nurse)
                            .json("{\"encounter_id\":" + ownEncounter + ",\"note\":" + quoted + "}"),
                    RawHttp.Call.of("reason", "PATCH", "/alerts/1/resolve").bearer(admin)
                            .json("{\"reason\":" + quoted + "}"),
                    RawHttp.Call.of("label", "POST", "/devices").bearer(admin)
                            .json("{\"room_id\":1,\"label\":" + quoted + "}"));
            for (RawHttp.Call call : calls) {
                RawHttp.Answer answer = http.send(call);
                if (answer.status() != 400 || !answer.body().contains("VALIDATION_FAILED")) {
                    failures.add(call + " -> " + answer.status() + " " + abbreviated(answer.body()));
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(CommandSideState.of(databaseUrl)).isEqualTo(before);
        // Line breaks and tabs are ordinary in a clinical note.
        RawHttp.Answer multiLine = http.send(RawHttp.Call.of("note", "POST", "/observations").bearer(nurse)
                .json("{\"encounter_id\":" + ownEncounter + ",\"note\":\"Line one\\n\\tLine two\"}"));
        assertThat(multiLine.status()).as(multiLine.body()).isEqualTo(201);
    }

    @Test
    @Order(4)
    void theSystemStillWorksAfterTheOnslaught() {
        HttpApi api = system.api();
        String nurse = credentials.get("nurse");
        String note = "Still fine after hostile input " + SEED;
        HttpApi.Response recorded = api.post("/observations", nurse,
                "{\"encounter_id\":" + ownEncounter + ",\"note\":\"" + note + "\"}");
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        // The projections did not stop on anything the generated requests stored.
        await().atMost(Duration.ofSeconds(60)).until(
                () -> api.get("/encounters/" + ownEncounter + "/observations", nurse),
                r -> r.status() == 200 && r.body().toString().contains(note));
        HttpApi.Response chain = api.get("/admin/access-log/verify", credentials.get("auditor"));
        assertThat(chain.status()).isEqualTo(200);
        assertThat(chain.data().get("valid").asBoolean()).isTrue();
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void requestsTheContainerRefusesAndOddMediaTypesAreAnsweredInTheEnvelope() {
        String admin = credentials.get("admin");
        List<RawHttp.Call> refusedByTomcat = List.of(
                RawHttp.Call.of("nul", "GET", "/patients/%00/encounter").bearer(admin),
                RawHttp.Call.of("overlong utf-8", "GET", "/encounters/%C0%AF/overview").bearer(admin),
                RawHttp.Call.of("not utf-8", "PATCH", "/alerts/%FF/resolve").bearer(admin),
                RawHttp.Call.of("encoded slash", "DELETE", "/devices/..%2F..%2Fetc").bearer(admin),
                RawHttp.Call.of("huge header", "GET", "/auth/me").bearer(admin).header("X-Padding", "x".repeat(20_000)));
        // Refused on its headers while a large body may still be on its way: whatever the server does with the rest
        // of the body, its answer must be read (the kind of request that seed 6185776284081 once failed on with "no
        // answer": the JDK's client gave up on a broken pipe while still sending).
        refusedByTomcat = new ArrayList<>(refusedByTomcat);
        refusedByTomcat.add(RawHttp.Call.of("huge header, large body", "POST", "/vitals")
                .bearer(credentials.get("nurse")).header("X-Min-Position", "9".repeat(20_000))
                .json("{\"padding\":\"" + "x".repeat(8 * Hostile.MIB) + "\"}"));
        for (RawHttp.Call call : refusedByTomcat) {
            RawHttp.Answer answer = http.send(call);
            assertThat(answer.status()).as(call.toString()).isEqualTo(400);
            assertThat(ResponseRules.broken(call, answer)).as(call + " -> " + answer.body()).isEmpty();
            assertThat(answer.body()).doesNotContain("<html", "Tomcat");
        }
        for (String type : List.of("*/*", "application/*", "application/json; charset=no-such-charset", "json")) {
            RawHttp.Call call = RawHttp.Call.of(type, "POST", "/patients").bearer(admin)
                    .body(type, "{\"name\":\"Media Type\",\"date_of_birth\":\"1970-01-01\",\"gender\":\"F\"}"
                            .getBytes(StandardCharsets.UTF_8));
            RawHttp.Answer answer = http.send(call);
            assertThat(answer.status()).as(call + " -> " + answer.body()).isEqualTo(415);
            assertThat(ResponseRules.broken(call, answer)).isEmpty();
        }
        // A number is not a boolean: on_oxygen 1 or 2 would otherwise be read as true and score in NEWS2.
        for (String number : List.of("0", "1", "2")) {
            RawHttp.Call reading = RawHttp.Call.of("boolean", "POST", "/vitals").bearer(credentials.get("nurse"))
                    .json("{\"patient_id\":1,\"encounter_id\":" + ownEncounter + ",\"timestamp\":\""
                            + Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS) + "\",\"spo2_pct\":95,"
                            + "\"on_oxygen\":" + number + "}");
            RawHttp.Answer refused = http.send(reading);
            assertThat(refused.status()).as(reading + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("on_oxygen");
        }
        // A field named twice: which one counts depends on the parser, so neither does.
        RawHttp.Call twice = RawHttp.Call.of("duplicate field", "POST", "/vitals").bearer(credentials.get("nurse"))
                .json("{\"patient_id\":1,\"encounter_id\":" + ownEncounter + ",\"encounter_id\":" + ownEncounter
                        + ",\"timestamp\":\"" + Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS)
                        + "\",\"spo2_pct\":95}");
        RawHttp.Answer duplicate = http.send(twice);
        assertThat(duplicate.status()).as(twice + " -> " + duplicate.body()).isEqualTo(400);
        assertThat(ResponseRules.broken(twice, duplicate)).isEmpty();
        // Refused twice over (a bad id, then an Accept nothing can satisfy): the error still names the request.
        RawHttp.Call call = RawHttp.Call.of("accept", "GET", "/patients/abc/access-log").bearer(admin)
                .header("Accept", "image/png").header("X-Request-Id", "hostile-406");
        RawHttp.Answer answer = http.send(call);
        assertThat(answer.status()).isEqualTo(406);
        assertThat(ResponseRules.broken(call, answer)).isEmpty();
        assertThat(answer.body()).contains("\"request_id\":\"hostile-406\"");
    }

    /**
     * Looks for seeds whose requests break the rules, for a one-off search rather than the build: {@code
     * -Dhostile.sweep=<seeds>} runs that many seeds after the fixed one, {@code -Dhostile.sweep.requests} (200) of each
     * kind per seed. Request i depends on its seed and i alone, so a failure found here repeats with {@code
     * -Dhostile.seed=<seed>}. Prints every seed that failed and fails with them.
     */
    @Test
    @Order(6)
    @EnabledIfSystemProperty(named = "hostile.sweep", matches = "[0-9]+")
    void sweepsSeedsForRequestsThatBreakTheRules() {
        int seeds = Integer.getInteger("hostile.sweep");
        int perSeed = Integer.getInteger("hostile.sweep.requests", 200);
        Map<Long, List<String>> failed = new java.util.TreeMap<>();
        for (long seed = SEED + 1; seed <= SEED + seeds; seed++) {
            List<String> failures = new ArrayList<>(fire(seed, perSeed, 0, random -> refused(new Hostile(random)),
                    HostileInputTest::refusedProblems));
            failures.addAll(fire(seed, perSeed, REFUSED_REQUESTS, random -> mixed(new Hostile(random)),
                    ResponseRules::broken));
            if (!failures.isEmpty()) {
                failed.put(seed, failures);
                System.out.println("HostileInputTest sweep: seed " + seed + " failed:\n  " + String.join("\n  ",
                        failures));
            }
        }
        System.out.println("HostileInputTest sweep: " + seeds + " seeds, " + failed.size() + " failed: "
                + failed.keySet());
        assertThat(failed).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A request that must be refused: one thing in it is wrong by construction. */
    private static RawHttp.Call refused(Hostile hostile) {
        Endpoint endpoint = hostile.pick(endpoints);
        List<String> kinds = new ArrayList<>(List.of("no-credential", "bad-credential", "wrong-role", "path-id",
                "wrong-type", "unknown-field", "malformed", "deep", "too-large", "content-type", "out-of-range",
                "null-required"));
        if (endpoint.method().equals("GET")) {
            kinds.addAll(List.of("query-param", "query-param", "other-patient"));
        }
        String kind = hostile.pick(kinds);
        String caller = callerFor(endpoint, hostile.pick(endpoint.roles()));
        String id = endpoint.validId();
        Map<String, String> body = endpoint.validBody(hostile);
        Map<String, String> query = new LinkedHashMap<>();
        String contentType = "application/json";
        byte[] rawBody = null;
        boolean chunked = false;
        String credential = credentials.get(caller);
        String authorization = credential == null ? null : "Bearer " + credential;

        switch (kind) {
            case "no-credential" -> {
                if (endpoint.isPublic()) {
                    return refused(hostile);
                }
                authorization = null;
            }
            case "bad-credential" -> {
                if (endpoint.isPublic()) {
                    return refused(hostile);
                }
                authorization = hostile.pick(List.of("Bearer ", "Bearer " + hostile.headerValue(),
                        "Bearer a.b.c", "Bearer " + truncated(credentials.get("admin"), hostile.random()),
                        "Basic YWRtaW46cGFzc3dvcmQ=", "Token " + credentials.get("admin"), "Bearer x.y",
                        "Bearer " + credentials.get("device") + "x", "Bearer eyJhbGciOiJub25lIn0.e30."));
            }
            case "wrong-role" -> {
                List<String> others = credentials.keySet().stream().filter(r -> !endpoint.roles().contains(r))
                        .toList();
                if (endpoint.isPublic() || others.isEmpty() || endpoint.method().equals("GET")) {
                    return refused(hostile);
                }
                authorization = "Bearer " + credentials.get(hostile.pick(others));
            }
            case "path-id" -> {
                if (id == null) {
                    return refused(hostile);
                }
                id = hostile.pick(Hostile.PATH_IDS.stream().filter(p -> !namesExistingRow(p)).toList());
            }
            case "query-param" -> {
                if (endpoint.queryParameters().isEmpty()) {
                    return refused(hostile);
                }
                String name = hostile.pick(endpoint.queryParameters());
                query.put(name, hostile.pick(List.of("-1", "0", "abc", "100001", "1.5", "", "9223372036854775808",
                        "%27%20OR%201%3D1", "%00", "1e3", "2023-13-45T99:00:00Z")));
            }
            case "other-patient" -> {
                if (id == null) {
                    return refused(hostile);
                }
                authorization = "Bearer " + credentials.get("patient");
                id = endpoint.template().startsWith("/patients/") ? "2" : String.valueOf(otherEncounter);
            }
            case "wrong-type" -> {
                if (body.isEmpty()) {
                    return refused(hostile);
                }
                body.put(hostile.pick(new ArrayList<>(body.keySet())), hostile.wrongStructure());
            }
            case "unknown-field" -> {
                if (!endpoint.hasBody()) {
                    return refused(hostile);
                }
                body.put(hostile.pick(List.of("is_admin", "role", "id", "__proto__", "constructor", "hr", "HR_BPM",
                        "patientId", "' OR 1=1 --", "<b>", "", " ", "😀", "a\u0000")), hostile.anyValue());
            }
            case "malformed" -> {
                if (!endpoint.hasBody()) {
                    return refused(hostile);
                }
                String json = Endpoint.json(body);
                rawBody = switch (hostile.random().nextInt(7)) {
                    case 0 -> truncated(json, hostile.random()).getBytes(StandardCharsets.UTF_8);
                    case 1 -> hostile.invalidUtf8();
                    case 2 -> (json + json).getBytes(StandardCharsets.UTF_8);
                    case 3 -> json.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
                    case 4 -> json.replaceFirst(":", ":\u0001").getBytes(StandardCharsets.UTF_8);
                    case 5 -> hostile.pick(List.of("", "null", "[]", "42", "\"text\"", "{", "}", "{\"a\":1,}",
                            "{\"a\" 1}", "// comment\n{}", "{\"x\":NaN}")).getBytes(StandardCharsets.UTF_8);
                    default -> ("{\"readings\":" + json).getBytes(StandardCharsets.UTF_8);
                };
                if (endpoint.bodyOptional() && rawBody.length == 0) {
                    rawBody = "{".getBytes(StandardCharsets.UTF_8);
                }
            }
            case "deep" -> {
                if (!endpoint.hasBody()) {
                    return refused(hostile);
                }
                String deep = hostile.chance(0.5) ? Hostile.deep(10_000) : Hostile.deepObject(10_000);
                if (hostile.chance(0.5) && !body.isEmpty()) {
                    body.put(hostile.pick(new ArrayList<>(body.keySet())), deep);
                } else {
                    rawBody = deep.getBytes(StandardCharsets.UTF_8);
                }
            }
            case "too-large" -> {
                if (!endpoint.hasBody()) {
                    return refused(hostile);
                }
                body.put("padding", Hostile.stringOfBytes(Hostile.MIB + hostile.random().nextInt(64 * 1024)));
                chunked = hostile.chance(0.5);
            }
            case "content-type" -> {
                if (!endpoint.hasBody()) {
                    return refused(hostile);
                }
                contentType = hostile.pick(java.util.Arrays.asList("text/plain", "application/xml",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", null,
                        "application/json; charset=ebcdic-x", "application/json; charset=UTF-16",
                        "application/jsonx", "*/*", "application/octet-stream"));
                if (contentType != null && contentType.contains("charset")) {
                    // Broken under the declared charset: not a request the server may take.
                    rawBody = hostile.invalidUtf8();
                }
            }
            case "out-of-range" -> {
                List<Field> fields = endpoint.fields().stream().filter(f -> !f.invalid().isEmpty()).toList();
                if (fields.isEmpty()) {
                    return refused(hostile);
                }
                Field field = hostile.pick(fields);
                body.put(field.name(), hostile.pick(field.invalid()));
            }
            case "null-required" -> {
                List<Field> required = endpoint.fields().stream().filter(Field::required).toList();
                if (required.isEmpty()) {
                    return refused(hostile);
                }
                String name = hostile.pick(required).name();
                if (hostile.chance(0.5)) {
                    body.put(name, "null");
                } else {
                    body.remove(name);
                }
            }
            default -> throw new IllegalStateException(kind);
        }
        RawHttp.Call call = RawHttp.Call.of("refused/" + kind, endpoint.method(), endpoint.path(id, query));
        if (authorization != null) {
            call = call.header("Authorization", authorization);
        }
        if (endpoint.hasBody() || rawBody != null) {
            byte[] bytes = rawBody != null ? rawBody : Endpoint.json(body).getBytes(StandardCharsets.UTF_8);
            call = call.body(contentType, bytes);
        }
        return chunked ? call.sentChunked() : call;
    }

    /** Anything: hostile values mixed with valid ones, from allowed and other callers. */
    private static RawHttp.Call mixed(Hostile hostile) {
        Endpoint endpoint = hostile.pick(endpoints);
        String caller = hostile.chance(0.75) ? hostile.pick(endpoint.roles()) : hostile.pick(credentials.keySet()
                .stream().toList());
        if (endpoint.destructive() && !endpoint.isPublic()) {
            // Keep the demo accounts, devices, encounters and views alive for the rest of the run.
            caller = hostile.chance(0.5) ? caller : hostile.pick(List.of("patient", "auditor"));
        }
        String id = endpoint.validId();
        if (id != null && (endpoint.destructive() || hostile.chance(0.4))) {
            id = endpoint.destructive() ? hostile.pick(Hostile.PATH_IDS.stream().filter(p -> !namesExistingRow(p))
                    .toList()) : hostile.pathId();
        }
        Map<String, String> body = endpoint.validBody(hostile);
        for (Field field : endpoint.fields()) {
            if (hostile.chance(0.3)) {
                body.put(field.name(), switch (field.kind()) {
                    case STRING -> hostile.chance(0.8) ? Hostile.quote(hostile.string()) : hostile.anyValue();
                    case NUMBER -> hostile.chance(0.7) ? hostile.pick(Hostile.NUMBERS) : hostile.anyValue();
                    default -> hostile.anyValue();
                });
            }
        }
        if (hostile.chance(0.05)) {
            body.put(Hostile.quote(hostile.string()).replaceAll("^\"|\"$", ""), hostile.anyValue());
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String parameter : endpoint.queryParameters()) {
            if (hostile.chance(0.4)) {
                query.put(parameter, parameter.equals("min_position") && !hostile.chance(0.01)
                        ? hostile.pick(List.of("-1", "abc", "0", "1", "%00"))
                        : Hostile.encode(hostile.pick(List.of(hostile.string(), hostile.pick(Hostile.NUMBERS)))));
            }
        }
        RawHttp.Call call = RawHttp.Call.of("mixed", endpoint.method(), endpoint.path(id, query));
        String credential = credentials.get(callerFor(endpoint, caller));
        if (credential != null && (!endpoint.isPublic() || hostile.chance(0.2))) {
            call = call.bearer(credential);
        }
        if (endpoint.hasBody()) {
            call = call.json(Endpoint.json(body));
        }
        if (hostile.chance(0.2)) {
            String header = hostile.pick(List.of("X-Request-Id", "Accept", "Idempotency-Key", "Last-Event-ID",
                    "X-Min-Position", "X-Device-Key", "X-Forwarded-For", "Accept-Charset", "Content-Type"));
            String value = header.equals("Accept") ? hostile.pick(List.of("application/xml", "text/html", "*/*",
                    "application/json;q=0", "text/event-stream", "image/png")) : hostile.headerValue();
            call = call.header(header, value);
        }
        return call;
    }

    /** The rules of every answer, and a request built to be refused must not be accepted. */
    private static List<String> refusedProblems(RawHttp.Call call, RawHttp.Answer answer) {
        List<String> problems = new ArrayList<>(ResponseRules.broken(call, answer));
        boolean mayAccept = call.method().equals("GET") || call.path().startsWith("/auth/logout");
        if (!mayAccept && answer.status() < 400 && !everyReadingRejected(call, answer)) {
            problems.add("accepted a request built to be refused");
        }
        return problems;
    }

    /** A batch answers 202 with a result per reading; refused, every reading is "rejected". */
    private static boolean everyReadingRejected(RawHttp.Call call, RawHttp.Answer answer) {
        var body = ResponseRules.parse(answer.body());
        if (!call.path().equals("/vitals/batch") || answer.status() != 202 || body == null) {
            return false;
        }
        var results = body.path("data").path("results");
        return results.isArray() && results.valueStream()
                .allMatch(r -> "rejected".equals(r.path("status").asString(null)));
    }

    /** A rebuild makes the views answer 503 on purpose: the generated requests never start one. */
    private static String callerFor(Endpoint endpoint, String caller) {
        return endpoint.template().equals("/admin/projections/rebuild") && endpoint.method().equals("POST")
                && caller.equals("admin") ? "doctor" : caller;
    }

    private static String truncated(String value, Random random) {
        return value.isEmpty() ? value : value.substring(0, random.nextInt(value.length()));
    }

    /** A path id that a lenient parser would read as a small positive number names a row that may exist. */
    private static boolean namesExistingRow(String pathId) {
        try {
            long value = Long.parseLong(pathId);
            return value > 0 && value < 100_000;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Sends {@code count} generated requests (request i from the seed and i alone) and returns what went wrong; a
     * request without an answer is one of those, named with its seed and index like any other.
     */
    private static List<String> fire(long seed, int count, int offset, Function<Random, RawHttp.Call> generator,
                                     Check check) {
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Map<String, Integer> statuses = Collections.synchronizedMap(new java.util.TreeMap<>());
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<?>> done = IntStream.range(offset, offset + count).mapToObj(i -> pool.submit(() -> {
                RawHttp.Call call = generator.apply(new Random(seed * 1_000_003L + i));
                RawHttp.Answer answer;
                try {
                    answer = http.send(call);
                } catch (RuntimeException e) {
                    // No answer, or one the harness cannot read (a garbled status line, length or chunk size): a
                    // failure named with its seed and index like any other.
                    failures.add("seed " + seed + " request " + i + " " + e + ": " + e.getCause());
                    return;
                }
                statuses.merge(call.label().split("/")[0] + " " + answer.status(), 1, Integer::sum);
                List<String> problems = check.problems(call, answer);
                if (!problems.isEmpty()) {
                    failures.add("seed " + seed + " request " + i + " " + problems + "\n    " + call + "\n    -> "
                            + answer.status() + " " + abbreviated(answer.body()));
                }
            })).collect(Collectors.toList());
            for (Future<?> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("seed " + seed, e);
        }
        System.out.printf("seed %d: %d requests in %d ms, statuses %s%n", seed, count,
                (System.nanoTime() - started) / 1_000_000, statuses);
        return failures.stream().limit(40).toList();
    }

    @FunctionalInterface
    private interface Check {
        List<String> problems(RawHttp.Call call, RawHttp.Answer answer);
    }

    private static String abbreviated(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }

    static long seed(String property) {
        if (property == null || property.isBlank()) {
            return DEFAULT_SEED;
        }
        if (property.equals("random")) {
            return new SecureRandom().nextLong() & Long.MAX_VALUE;
        }
        return Long.parseLong(property.trim());
    }

    private static String seedNote() {
        return "seed " + SEED + " (rerun with -Dhostile.seed=" + SEED + ")";
    }

    // ---------------------------------------------------------------------------------------------------------

    enum Kind { NUMBER, STRING, OTHER }

    /** A body field: its valid JSON value, same-typed values that must be refused, and whether it is required. */
    record Field(String name, Kind kind, Function<Hostile, String> valid, List<String> invalid, boolean required) {
    }

    /**
     * An endpoint: method, path with an optional {@code {id}}, the callers allowed to use it (keys of the
     * credentials; empty for public endpoints), its body fields and query parameters.
     */
    record Endpoint(String method, String template, List<String> roles, String validId, List<Field> fields,
                    List<String> queryParameters, boolean hasBody, boolean bodyOptional, boolean destructive) {

        boolean isPublic() {
            return roles.isEmpty() || roles.contains("anyone");
        }

        @Override
        public List<String> roles() {
            return roles.isEmpty() ? List.of("anyone") : roles;
        }

        Map<String, String> validBody(Hostile hostile) {
            Map<String, String> body = new LinkedHashMap<>();
            fields.forEach(f -> body.put(f.name(), f.valid().apply(hostile)));
            return body;
        }

        String path(String id, Map<String, String> query) {
            String path = id == null ? template : template.replace("{id}", id);
            if (query.isEmpty()) {
                return path;
            }
            return path + "?" + query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
        }

        static String json(Map<String, String> body) {
            return body.entrySet().stream().map(e -> Hostile.quote(e.getKey()) + ":" + e.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
    }

    /** Every endpoint of docs/api.md, with valid values for this run's demo data. */
    static final class Endpoints {

        private Endpoints() {
        }

        static List<Endpoint> all(long doctorId, long ownEncounter, long otherEncounter, String refreshToken) {
            String own = String.valueOf(ownEncounter);
            List<String> admin = List.of("admin");
            List<String> clinicians = List.of("admin", "doctor", "nurse");
            List<String> audit = List.of("admin", "auditor");
            Field name = string("name", true, h -> "Name " + h.random().nextInt(1_000_000), "", " ", "x".repeat(201),
                    "a\u0007b", "nul\u0000inside", "\u0000");
            Field ward = string("ward", true, h -> "ICU", "", "x".repeat(101), "<script>", "ICU;DROP", "\u0000");
            Field password = string("password", false, h -> "long-password-" + h.random().nextInt(1_000_000),
                    "short", "x".repeat(73), "ü".repeat(40));
            Field username = string("username", false, h -> "user" + h.random().nextInt(1_000_000), "ab", "Admin",
                    "1abc", "a".repeat(51), "a b", "admin'--");
            List<Field> vitals = vitalsFields(ownEncounter);
            Field readings = new Field("readings", Kind.OTHER, h -> "[" + Endpoint.json(validReading(h, vitals))
                    + "]", List.of("[]", readingsOf(1001)), true);
            return List.of(
                    endpoint("POST", "/auth/login", List.of(), null,
                            List.of(string("username", true, h -> "nobody" + h.random().nextInt(1000), "",
                                    "x".repeat(101)), string("password", true, h -> "wrong-password", "",
                                    "x".repeat(201))), List.of(), false),
                    endpoint("POST", "/auth/refresh", List.of(), null, List.of(string("refresh_token", true,
                            h -> Hostile.quote(refreshToken).replace("\"", "") + "x", "", "x".repeat(201))),
                            List.of(), false),
                    endpoint("POST", "/auth/logout", List.of(), null, List.of(string("refresh_token", true,
                            h -> "unknown-token", "", "x".repeat(201))), List.of(), false),
                    endpoint("GET", "/auth/me", List.of("admin", "doctor", "nurse", "patient", "auditor"), null,
                            List.of(), List.of(), false),
                    endpoint("POST", "/patients", admin, null, List.of(name, string("date_of_birth", true,
                            h -> "1970-05-14", "2999-01-01", "1899-12-31", "31/12/1970", "", "1970-02-30"),
                            string("gender", true, h -> "F", "X", "female", "", "f ")), List.of(), false),
                    endpoint("POST", "/doctors", admin, null, List.of(name), List.of(), false),
                    endpoint("POST", "/nurses", admin, null, List.of(name, ward), List.of(), false),
                    endpoint("POST", "/rooms", admin, null, List.of(string("room_number", true,
                            h -> "R" + h.random().nextInt(1_000_000), "", "x".repeat(21), "1 0 1", "101'", "101"),
                            ward), List.of(), false),
                    endpoint("POST", "/devices", admin, null, List.of(number("room_id", true, h -> "1", "0", "-1",
                            "999999"), string("label", false, h -> "monitor", "x".repeat(10_001))), List.of(), false),
                    endpoint("DELETE", "/devices/{id}", admin, "999999", List.of(), List.of(), true),
                    endpoint("POST", "/users", admin, null, List.of(username, password, string("role", true,
                            h -> "auditor", "root", "", "device", "ADMINISTRATOR")), List.of(), false),
                    endpoint("POST", "/users/{id}/deactivate", admin, "999999", List.of(), List.of(), true),
                    endpoint("POST", "/encounters", clinicians, null, List.of(number("patient_id", true,
                            h -> "3", "0", "-1", "999999"), number("doctor_id", true, h -> String.valueOf(doctorId),
                            "0", "-5", "999999"), number("room_id", false, h -> "2", "0", "-1", "999999")),
                            List.of(), false),
                    endpoint("POST", "/encounters/{id}/discharge", clinicians, "999999", List.of(), List.of(), true),
                    endpoint("POST", "/encounters/{id}/transfer", clinicians, "999999", List.of(number("room_id",
                            true, h -> "2", "0", "-1", "999999")), List.of(), true),
                    endpoint("PUT", "/encounters/{id}/spo2-scale", List.of("doctor", "nurse"), own,
                            List.of(number("scale", true, h -> "1", "0", "3", "-1", "2147483648")), List.of(), false),
                    endpoint("POST", "/vitals", List.of("nurse", "device"), null, vitals, List.of(), false),
                    endpoint("POST", "/vitals/batch", List.of("nurse", "device"), null, List.of(readings), List.of(),
                            false),
                    endpoint("POST", "/observations", List.of("doctor", "nurse"), null, List.of(number("encounter_id",
                            true, h -> own, "0", "-1", "999999", String.valueOf(otherEncounter + 1000)),
                            string("note", true, h -> "Resting, " + h.random().nextInt(1000), "", "   ",
                                    "x".repeat(10_001))), List.of(), false),
                    endpoint("PATCH", "/alerts/{id}/acknowledge", clinicians, "999999", List.of(), List.of(), false),
                    new Endpoint("PATCH", "/alerts/{id}/resolve", clinicians, "999999", List.of(string("reason",
                            false, h -> "treated", "x".repeat(1001))), List.of(), true, true, false),
                    endpoint("GET", "/doctors/{id}/patients", List.of("admin", "doctor"), String.valueOf(doctorId),
                            List.of(), List.of("min_position"), false),
                    endpoint("GET", "/encounters/{id}/overview", clinicians, own, List.of(), List.of("min_position"),
                            false),
                    endpoint("GET", "/encounters/{id}/alerts", clinicians, own, List.of(),
                            List.of("status", "min_position"), false),
                    endpoint("GET", "/encounters/{id}/observations", clinicians, own, List.of(),
                            List.of("limit", "min_position"), false),
                    endpoint("GET", "/patients/{id}/encounter", List.of("admin", "doctor", "nurse", "patient"), "1",
                            List.of(), List.of("min_position"), false),
                    endpoint("GET", "/patients/{id}/vitals/recent", List.of("admin", "doctor", "nurse", "patient"),
                            "1", List.of(), List.of("limit", "min_position"), false),
                    endpoint("GET", "/alerts/stream", clinicians, null, List.of(), List.of("encounter_id"), false),
                    endpoint("GET", "/encounters/{id}/history", audit, own, List.of(),
                            List.of("page_size", "after_sequence", "as_of"), false),
                    endpoint("GET", "/patients/{id}/access-log", audit, "1", List.of(),
                            List.of("page_size", "before_id"), false),
                    endpoint("GET", "/admin/access-log/verify", audit, null, List.of(), List.of(), false),
                    // Never started by the generated requests: a rebuild makes the views answer 503 on purpose.
                    endpoint("POST", "/admin/projections/rebuild", admin, null, List.of(), List.of(), true),
                    endpoint("GET", "/admin/projections/rebuild", admin, null, List.of(), List.of(), false),
                    endpoint("GET", "/health", List.of(), null, List.of(), List.of(), false),
                    endpoint("GET", "/actuator/health/readiness", List.of(), null, List.of(), List.of(), false),
                    endpoint("GET", "/actuator/health/liveness", List.of(), null, List.of(), List.of(), false));
        }

        private static List<Field> vitalsFields(long encounter) {
            return List.of(
                    number("patient_id", true, h -> "1", "0", "-1", "2", "999999"),
                    number("encounter_id", true, h -> String.valueOf(encounter), "0", "-1", "999999"),
                    string("timestamp", true, h -> Instant.now().minusSeconds(h.random().nextInt(86_400))
                            .truncatedTo(ChronoUnit.MILLIS).toString(), "not a time", "2023-13-01T00:00:00Z",
                            "2999-01-01T00:00:00Z", "", "+1000000000-01-01T00:00:00Z"),
                    number("hr_bpm", false, h -> String.valueOf(40 + h.random().nextInt(100)), "301", "-1",
                            "2147483648"),
                    number("spo2_pct", false, h -> "97", "101", "-1"),
                    number("temp_c", false, h -> "37.0", "19.99", "45.01", "1e309", "-1e309"),
                    number("bp_systolic", false, h -> "120", "301", "-1"),
                    number("bp_diastolic", false, h -> "80", "300", "-1", "121"),
                    number("resp_rate", false, h -> "16", "101", "-1"),
                    new Field("on_oxygen", Kind.OTHER, h -> "false", List.of("\"yes\"", "2"), false),
                    string("consciousness", false, h -> "A", "X", "a", "AV", ""),
                    new Field("device_flags", Kind.OTHER, h -> "[]", List.of("[\"PROBE OFF\"]", "[null]",
                            "[" + String.join(",", Collections.nCopies(21, "\"f\"")) + "]",
                            "[\"" + "f".repeat(41) + "\"]"), false));
        }

        private static Map<String, String> validReading(Hostile hostile, List<Field> vitals) {
            Map<String, String> reading = new LinkedHashMap<>();
            vitals.forEach(f -> reading.put(f.name(), f.valid().apply(hostile)));
            return reading;
        }

        private static String readingsOf(int count) {
            return "[" + String.join(",", Collections.nCopies(count,
                    "{\"patient_id\":1,\"encounter_id\":1,\"timestamp\":\"2023-10-27T10:00:00Z\",\"hr_bpm\":80}"))
                    + "]";
        }

        private static Endpoint endpoint(String method, String template, List<String> roles, String validId,
                                         List<Field> fields, List<String> queryParameters, boolean destructive) {
            boolean hasBody = !fields.isEmpty();
            return new Endpoint(method, template, roles, validId, fields, queryParameters, hasBody, false,
                    destructive);
        }

        private static Field string(String name, boolean required, Function<Hostile, String> valid,
                                    String... invalid) {
            return new Field(name, Kind.STRING, valid.andThen(Hostile::quote),
                    java.util.Arrays.stream(invalid).map(Hostile::quote).toList(), required);
        }

        private static Field number(String name, boolean required, Function<Hostile, String> valid,
                                    String... invalid) {
            return new Field(name, Kind.NUMBER, valid, List.of(invalid), required);
        }
    }
}
