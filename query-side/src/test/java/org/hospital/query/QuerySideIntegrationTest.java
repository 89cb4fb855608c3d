package org.hospital.query;

import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.security.AccessTokens;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the tests that run the query side against real PostgreSQL and Kafka, on a real HTTP port (MockMvc works
 * too). The tests of a class share one context, database and domain-event topic (the running processor reads it
 * too), so every test takes fresh ids from {@link TestIds}. Test classes with the same configuration share the
 * context (Spring's cache) and its database; a class that changes the configuration gets a context and a database of
 * its own, while the topic is shared by all classes of the JVM. Heartbeats of the alert stream come every second, so a
 * closed client is noticed quickly; reads wait up to 5 s for a position (2 s by default), as the shared build
 * machine can be slow to hand a Kafka record over.
 */
@SpringBootTest(classes = QuerySideTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hospital.sides=query", "hospital.query.alert-stream.heartbeat=PT1S",
                "hospital.query.read-your-writes-timeout=PT5S"})
@AutoConfigureMockMvc
@Tag("integration")
public abstract class QuerySideIntegrationTest {

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected MockMvc mvc;

    protected ProjectionDriver projections;

    protected Tokens tokens;

    /** The real HTTP server's port, for tests that need a real client (server-sent events). */
    @LocalServerPort
    protected int port;

    /** Called once per application context Spring builds (not per class): each context gets a database of its own. */
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        String database = infrastructure.newDatabase("query_side");
        infrastructure.springProperties(database).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("hospital.audit.access-log-key", () -> "access-log-key-of-the-query-side-tests-0123");
        registry.add("hospital.security.jwt.secret", () -> "query-side-tests-secret-of-at-least-32-bytes");
    }

    @BeforeEach
    void helpers() {
        projections = new ProjectionDriver(context);
        tokens = new Tokens(context.getBean(AccessTokens.class));
    }
}
