package org.hospital.query.audit;

import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.security.AccessTokens;
import org.hospital.query.QuerySideTestApplication;
import org.hospital.query.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the audit tests against real PostgreSQL and Kafka. They have a database of their own: a rebuild empties
 * every view, which other tests' hand-applied rows would not survive. Tests take fresh ids from
 * {@link org.hospital.query.TestIds}.
 */
@SpringBootTest(classes = QuerySideTestApplication.class, properties = "hospital.sides=query")
@AutoConfigureMockMvc
@Tag("integration")
public abstract class AuditIntegrationTest {

    private static final String DATABASE = TestInfrastructure.shared().newDatabase("audit");

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected MockMvc mvc;

    protected AuditDriver events;

    protected Tokens tokens;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.shared().springProperties(DATABASE).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("hospital.audit.access-log-key", () -> "access-log-key-of-the-query-side-tests-0123");
        registry.add("hospital.security.jwt.secret", () -> "audit-tests-secret-of-at-least-32-bytes-long");
    }

    @BeforeEach
    void helpers() {
        events = new AuditDriver(context);
        tokens = new Tokens(context.getBean(AccessTokens.class));
    }
}
