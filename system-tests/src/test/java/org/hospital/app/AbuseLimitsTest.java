package org.hospital.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.hospital.infra.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The limits that bound what one client can do: sign-in throttling, open alert streams per user, list sizes, batch
 * size and body size. Each refusal is in the envelope, and refused writes store nothing.
 */
@Tag("integration")
class AbuseLimitsTest {

    private static RunningSystem system;
    private static String databaseUrl;
    private static RawHttp http;
    private static HttpApi api;
    private static String adminToken;
    private static String doctorToken;
    private static String nurseToken;
    private static String auditorToken;
    private static long encounterId;

    @BeforeAll
    static void start() {
        databaseUrl = TestInfrastructure.shared().newDatabase("limits");
        system = RunningSystem.start("all", databaseUrl, "demo");
        http = new RawHttp(system.port());
        api = system.api();
        // Signed in before the throttling test makes this address wait.
        adminToken = api.login("admin", "password");
        doctorToken = api.login("dr_house", "password");
        nurseToken = api.login("nurse_joy", "password");
        auditorToken = api.login("auditor", "password");
        long doctorId = api.get("/auth/me", doctorToken).data().get("doctor_id").asLong();
        HttpApi.Response admitted = api.post("/encounters", doctorToken,
                "{\"patient_id\":1,\"doctor_id\":" + doctorId + ",\"room_id\":1}");
        assertThat(admitted.status()).as(admitted.toString()).isEqualTo(201);
        encounterId = admitted.data().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void repeatedFailedSignInsWaitLongerEachTimePerAccountAndPerAddressWithRetryAfter() {
        Map<String, String> before = CommandSideState.awaitQuiet(databaseUrl);
        // One account from one address: three failures are free, the fourth starts a wait that doubles.
        List<Integer> account = failUntilRefused(List.of("dr_house"), 8);
        assertThat(account.subList(0, 4)).as(account.toString()).containsOnly(401);

        // One address, a new name each time: twenty failures are free (those above count), then the address waits
        // whatever the name.
        List<String> names = IntStream.rangeClosed(1, 30).mapToObj(n -> "nobody" + n).toList();
        List<Integer> address = failUntilRefused(names, 30);
        int free = 20 - (int) account.stream().filter(status -> status == 401).count();
        assertThat(address.subList(0, free)).as(address.toString()).containsOnly(401);
        assertThat(CommandSideState.of(databaseUrl)).as("no refresh token or account change").isEqualTo(before);
    }

    /** Fails to sign in with the names in turn until told to wait; the statuses, ending with the refusal. */
    private static List<Integer> failUntilRefused(List<String> names, int attempts) {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 0; attempt < attempts; attempt++) {
            RawHttp.Answer answer = login(names.get(attempt % names.size()), "wrong-password");
            statuses.add(answer.status());
            if (answer.status() == 429) {
                assertRateLimited(answer);
                assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 15L * 60);
                return statuses;
            }
        }
        throw new AssertionError("never told to wait: " + statuses);
    }

    @Test
    void aUserMayHoldOnlyThreeAlertStreamsAtOnce() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> stream = client.send(streamRequest(nurseToken),
                        HttpResponse.BodyHandlers.ofInputStream());
                open.add(stream.body());
                assertThat(stream.statusCode()).isEqualTo(200);
                assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            }
            HttpResponse<String> fourth = client.send(streamRequest(nurseToken), HttpResponse.BodyHandlers.ofString());
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.headers().firstValue("Retry-After")).contains("5");
            JsonNode body = HttpApi.JSON.readTree(fourth.body());
            assertThat(body.get("code").asString()).isEqualTo("RATE_LIMITED");
            // The limit is per user: another user still gets a stream.
            HttpResponse<InputStream> doctors = client.send(streamRequest(doctorToken),
                    HttpResponse.BodyHandlers.ofInputStream());
            open.add(doctors.body());
            assertThat(doctors.statusCode()).isEqualTo(200);
        } finally {
            for (InputStream stream : open) {
                close(stream);
            }
        }
    }

    @Test
    void listSizesAreBoundedAndOutOfRangeSizesAreRefusedNamingTheParameter() {
        record Bound(String path, String parameter, int max, String token) {
        }
        for (Bound bound : List.of(
                new Bound("/patients/1/vitals/recent", "limit", 500, doctorToken),
                new Bound("/encounters/" + encounterId + "/observations", "limit", 500, doctorToken),
                new Bound("/encounters/" + encounterId + "/history", "page_size", 1000, auditorToken),
                new Bound("/patients/1/access-log", "page_size", 1000, auditorToken))) {
            for (String value : List.of("0", "-1", String.valueOf(bound.max() + 1), "2147483648", "abc")) {
                RawHttp.Call call = RawHttp.Call.of("bound", "GET", bound.path() + "?" + bound.parameter() + "="
                        + value).bearer(bound.token());
                RawHttp.Answer answer = http.send(call);
                assertThat(answer.status()).as(call + " -> " + answer.body()).isEqualTo(400);
                assertThat(ResponseRules.broken(call, answer)).isEmpty();
                JsonNode details = ResponseRules.parse(answer.body()).get("details");
                assertThat(details.get(0).get("field").asString()).isEqualTo(bound.parameter());
            }
            RawHttp.Call largest = RawHttp.Call.of("bound", "GET", bound.path() + "?" + bound.parameter() + "="
                    + bound.max()).bearer(bound.token());
            assertThat(http.send(largest).status()).as(largest.toString()).isIn(200, 404);
        }
    }

    @Test
    void aBatchHoldsAtMostAThousandReadings() {
        Map<String, String> before = CommandSideState.awaitQuiet(databaseUrl);
        String refused = "{\"patient_id\":1,\"encounter_id\":" + encounterId + ",\"timestamp\":\""
                + Instant.now().minusSeconds(60) + "\",\"hr_bpm\":999}";
        for (int count : new int[] {0, 1001}) {
            RawHttp.Call call = batch(count, refused);
            RawHttp.Answer answer = http.send(call);
            assertThat(answer.status()).as(call.toString()).isEqualTo(400);
            assertThat(ResponseRules.broken(call, answer)).isEmpty();
        }
        RawHttp.Answer thousand = http.send(batch(1000, refused));
        assertThat(thousand.status()).isEqualTo(202);
        JsonNode results = ResponseRules.parse(thousand.body()).get("data").get("results");
        assertThat(results.size()).isEqualTo(1000);
        assertThat(results.valueStream().map(r -> r.get("status").asString())).containsOnly("rejected");
        assertThat(CommandSideState.of(databaseUrl)).isEqualTo(before);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413DeclaredOrChunked() {
        Map<String, String> before = CommandSideState.awaitQuiet(databaseUrl);
        int mebibyte = 1024 * 1024;
        String prefix = "{\"encounter_id\":" + encounterId + ",\"note\":\"";
        String suffix = "\"}";
        String justOver = prefix + "n".repeat(mebibyte + 1 - prefix.length() - suffix.length()) + suffix;
        String exactly = prefix + "n".repeat(mebibyte - prefix.length() - suffix.length()) + suffix;
        assertThat(justOver.getBytes(StandardCharsets.UTF_8)).hasSize(mebibyte + 1);
        for (RawHttp.Call call : List.of(observation(justOver), observation(justOver).sentChunked())) {
            RawHttp.Answer answer = http.send(call);
            assertThat(answer.status()).as(call.toString()).isEqualTo(413);
            assertThat(ResponseRules.broken(call, answer)).isEmpty();
            assertThat(answer.body()).contains("PAYLOAD_TOO_LARGE");
        }
        // Exactly the limit is read (and refused for what it says: a note over 10,000 characters).
        RawHttp.Answer atLimit = http.send(observation(exactly));
        assertThat(atLimit.status()).isEqualTo(400);
        assertThat(atLimit.body()).contains("VALIDATION_FAILED");
        assertThat(CommandSideState.of(databaseUrl)).isEqualTo(before);
    }

    /**
     * An alerting instance that reports being a minute behind while working nothing off (a row the test writes, fresh
     * for an hour) makes the command side refuse readings before it stores them, and admit them again once the
     * report is gone (docs/architecture.md, Under overload).
     */
    @Test
    void readingsAreRefusedWith503WhileTheAlertPathFallsBehindAndAdmittedOnceItCatchesUp() {
        await("the alerting instance reports its lag").atMost(Duration.ofSeconds(10)).until(() -> sql(
                "SELECT count(*) FROM alerting_lag WHERE reported_at > clock_timestamp() - interval '1 second'") == 1);
        long storedBefore = readingsStored();
        List<Integer> statuses = new ArrayList<>();
        Instant measured = Instant.now().minusSeconds(600);
        sql("INSERT INTO alerting_lag (instance_id, lag_ms, events_per_second, reported_at)"
                + " VALUES ('behind', 60000, 0, clock_timestamp() + interval '1 hour')");
        try {
            // Thirty at once, more than the ten a second the command side now admits.
            RawHttp.Answer refused = await().atMost(Duration.ofSeconds(15)).until(() -> {
                List<RawHttp.Answer> answers = IntStream.range(statuses.size(), statuses.size() + 30).parallel()
                        .mapToObj(n -> http.send(reading(measured.plusMillis(n)))).toList();
                answers.forEach(answer -> statuses.add(answer.status()));
                return answers.stream().filter(answer -> answer.status() == 503).findFirst();
            }, Optional::isPresent).orElseThrow();
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.body()).contains("\"SERVICE_UNAVAILABLE\"");
            assertThat(statuses).containsOnly(201, 503);
        } finally {
            sql("DELETE FROM alerting_lag WHERE instance_id = 'behind'");
        }
        assertThat(readingsStored() - storedBefore).as("readings stored of " + statuses)
                .isEqualTo(statuses.stream().filter(status -> status == 201).count());
        await().atMost(Duration.ofSeconds(15)).until(() -> http.send(reading(Instant.now())).status() == 201);
    }

    private static RawHttp.Answer login(String username, String password) {
        RawHttp.Call call = RawHttp.Call.of("login", "POST", "/auth/login")
                .json("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        RawHttp.Answer answer = http.send(call);
        assertThat(ResponseRules.broken(call, answer)).isEmpty();
        return answer;
    }

    private static void assertRateLimited(RawHttp.Answer answer) {
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.body()).contains("\"RATE_LIMITED\"");
        assertThat(answer.header("Retry-After")).matches("[1-9][0-9]*");
    }

    private static HttpRequest streamRequest(String token) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + system.port() + "/alerts/stream"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static RawHttp.Call batch(int count, String reading) {
        return RawHttp.Call.of("batch", "POST", "/vitals/batch").bearer(nurseToken)
                .json("{\"readings\":[" + String.join(",", Collections.nCopies(count, reading)) + "]}");
    }

    private static RawHttp.Call reading(Instant measured) {
        return RawHttp.Call.of("reading", "POST", "/vitals").bearer(nurseToken).json("{\"patient_id\":1,"
                + "\"encounter_id\":" + encounterId + ",\"timestamp\":\"" + measured + "\",\"hr_bpm\":72}");
    }

    private static long readingsStored() {
        return sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'encounter-" + encounterId
                + "' AND payload_type LIKE '%VitalsRecorded'");
    }

    /** Runs one statement on the system's database; a query's first column of its first row, or the rows changed. */
    private static long sql(String statement) {
        var postgres = TestInfrastructure.shared().postgres();
        try (Connection connection = DriverManager.getConnection(databaseUrl, postgres.username(), postgres.password());
             Statement jdbc = connection.createStatement()) {
            if (jdbc.execute(statement)) {
                try (ResultSet rows = jdbc.getResultSet()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
            return jdbc.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RawHttp.Call observation(String json) {
        return RawHttp.Call.of("observation", "POST", "/observations").bearer(nurseToken).json(json);
    }

    private static void close(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Closing is best effort; the server frees the place at the next heartbeat at the latest.
        }
    }
}
