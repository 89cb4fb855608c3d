package org.hospital.alerting;

import java.util.HashMap;
import java.util.Map;
import org.hospital.infra.TestInfrastructure;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The alerting side alone, as its own process would run it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AlertingSideConfiguration.class)
public class AlertingTestApplication {

    /** The token secret of the side in tests; tests that sign their own tokens sign with the side's bean. */
    private static final String JWT_SECRET = "alerting-integration-test-secret-0123456789";

    /** What the side needs to start on the JVM's shared PostgreSQL (the given database) and Kafka. */
    public static Map<String, String> properties(String databaseUrl) {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().springProperties(databaseUrl));
        properties.put("hospital.security.jwt.secret", JWT_SECRET);
        return properties;
    }

    /** {@link #properties} for a test's {@code @DynamicPropertySource}. */
    public static void register(DynamicPropertyRegistry registry, String databaseUrl) {
        properties(databaseUrl).forEach((key, value) -> registry.add(key, () -> value));
    }
}
