package org.hospital.query;

import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.security.AccessTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Base of the tests that run the query side against real PostgreSQL and Kafka. The tests of a class share one
 * context, database and domain-event topic (the running processor reads it too), so every test takes fresh ids
 * from {@link TestIds}.
 */
@SpringBootTest(classes = QuerySideTestApplication.class, properties = "hospital.sides=query")
@AutoConfigureMockMvc
public abstract class QuerySideIntegrationTest {

    private static final String DATABASE = TestInfrastructure.shared().newDatabase("query_side");

    @Autowired
    protected ApplicationContext context;

    @Autowired
    protected MockMvc mvc;

    protected ProjectionDriver projections;

    protected Tokens tokens;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> infrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> infrastructure.postgres().password());
        registry.add("spring.kafka.bootstrap-servers", () -> infrastructure.kafka().bootstrapServers());
        registry.add("hospital.security.jwt.secret", () -> "query-side-tests-secret-of-at-least-32-bytes");
    }

    @BeforeEach
    void helpers() {
        projections = new ProjectionDriver(context);
        tokens = new Tokens(context.getBean(AccessTokens.class));
    }
}
