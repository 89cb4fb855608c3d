package org.hospital.alerting.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hospital.alerting.AlertingTestApplication;
import org.hospital.alerting.TestTokens;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.security.AccessTokens;
import org.hospital.platform.security.JwtProperties;
import org.hospital.platform.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * docs/api.md, Dead letters, for the alerting side's two routes over real HTTP, with the side running alone (its own
 * process in a deployment): the platform's security chain answers every caller, 401 without a user token the side
 * accepts and 403 for a role the route does not admit, both in the error envelope.
 */
@Tag("own-jvm")
@SpringBootTest(classes = AlertingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SagaDeadLetterAuthorizationIntegrationTest {

    private static final String DATABASE_URL = TestInfrastructure.shared().newDatabase("sagadlauth");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        AlertingTestApplication.register(registry, DATABASE_URL);
    }

    /** A caller: the headers it sends (null for none), from the side's token factory. */
    record Caller(String name, Function<TestTokens, String> authorization, String deviceKey) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** An admin's token signed with another key: every check but the signature would pass. */
    private static final AccessTokens FORGER = new AccessTokens(new JwtProperties(
            "not-the-alerting-sides-secret-0123456789", false, "hospital-backend", "hospital-api",
            Duration.ofMinutes(15)), Clock.systemUTC());

    private static final List<Caller> CALLERS = List.of(
            new Caller("admin", t -> t.bearer(Role.ADMIN), null),
            new Caller("doctor", t -> t.bearer(Role.DOCTOR), null),
            new Caller("nurse", t -> t.bearer(Role.NURSE), null),
            new Caller("patient", t -> t.bearer(Role.PATIENT), null),
            // Devices authenticate with their key, which only the command side checks; a token naming the role is
            // refused everywhere.
            new Caller("device key", t -> null, "dev_0123456789abcdef"),
            new Caller("device-role token", t -> t.bearer(Role.DEVICE), null),
            new Caller("auditor", t -> t.bearer(Role.AUDITOR), null),
            new Caller("no token", t -> null, null),
            new Caller("forged token", t -> new TestTokens(FORGER).bearer(Role.ADMIN), null));

    @LocalServerPort
    private int port;
    @Autowired
    private AccessTokens accessTokens;
    private TestTokens tokens;

    @BeforeEach
    void tokens() {
        tokens = new TestTokens(accessTokens);
    }

    static Stream<Arguments> bothRoutesWithEveryCaller() {
        List<Arguments> cases = new ArrayList<>();
        // statuses in CALLERS order: admin, doctor, nurse, patient, device key, device-role token, auditor, no token,
        // forged token
        add(cases, "GET", "/admin/alerting/dead-letters", 200, 403, 403, 403, 401, 401, 200, 401, 401);
        add(cases, "POST", "/admin/alerting/dead-letters/retry", 200, 403, 403, 403, 401, 401, 403, 401, 401);
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String method, String path, int... statuses) {
        for (int i = 0; i < CALLERS.size(); i++) {
            cases.add(Arguments.of(method, path, CALLERS.get(i), statuses[i]));
        }
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("bothRoutesWithEveryCaller")
    void answersEveryCallerAsTheRolesSay(String method, String path, Caller caller, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        String authorization = caller.authorization().apply(tokens);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (caller.deviceKey() != null) {
            request.header("X-Device-Key", caller.deviceKey());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        if (expected == 200) {
            assertThat(JsonPath.<String>read(response.body(), "$.status")).isEqualTo("success");
            assertThat(JsonPath.<Integer>read(response.body(), method.equals("GET") ? "$.data.total_events"
                    : "$.data.sequences_requested")).isNotNegative();
        } else {
            assertThat(JsonPath.<String>read(response.body(), "$.status")).isEqualTo("error");
            assertThat(JsonPath.<String>read(response.body(), "$.code"))
                    .isEqualTo(expected == 401 ? "UNAUTHENTICATED" : "FORBIDDEN");
        }
    }
}
