package org.hospital.app;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hospital.infra.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Starts the application (all sides, or the given ones) against this JVM's embedded PostgreSQL and Kafka, as the
 * jar would run, on a free port.
 */
final class RunningSystem implements AutoCloseable {

    static final String TEST_SECRET = "test-secret-for-the-hospital-backend-0123456789";

    private final ConfigurableApplicationContext context;

    private RunningSystem(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningSystem start(String sides, String databaseUrl, String... profiles) {
        return start(sides, TestInfrastructure.shared().springProperties(databaseUrl), profiles);
    }

    /** With {@code settings} on top, as a deployment would set them. */
    static RunningSystem start(String sides, String databaseUrl, Map<String, String> settings, String... profiles) {
        Map<String, String> properties = new HashMap<>(TestInfrastructure.shared().springProperties(databaseUrl));
        properties.putAll(settings);
        return start(sides, properties, profiles);
    }

    /** Against the PostgreSQL and Kafka that {@code infrastructure} (Spring datasource and Kafka properties) names. */
    static RunningSystem start(String sides, Map<String, String> infrastructure, String... profiles) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", "0");
        properties.put("hospital.sides", sides);
        properties.put("hospital.security.jwt.secret", TEST_SECRET);
        properties.put("hospital.audit.access-log-key", "access-log-key-of-the-system-tests-0123456789");
        properties.putAll(infrastructure);
        // As command-line arguments, these win over application.yml, as they would for the jar.
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(HospitalApplication.class)
                .profiles(profiles)
                .run(arguments);
        return new RunningSystem(context);
    }

    static String bootstrapServers() {
        return TestInfrastructure.shared().kafka().bootstrapServers();
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The port of the actuator endpoints when {@code management.server.port} gives them their own. */
    int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    /**
     * Every route the application's controllers serve, as "METHOD /path" (path variables as in the OpenAPI
     * description); the API description's own routes and the error dispatch aside.
     */
    Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .forEach((mapping, handler) -> {
                    if (handler.getBeanType().getName().startsWith("org.hospital.")) {
                        // The FHIR interface is described by its CapabilityStatement, not the API description.
                        for (String path : mapping.getPatternValues().stream()
                                .filter(p -> !p.equals("/error") && !p.startsWith("/fhir/")).toList()) {
                            mapping.getMethodsCondition().getMethods()
                                    .forEach(method -> routes.add(method.name() + " " + path));
                        }
                    }
                });
        return routes;
    }

    HttpApi api() {
        return new HttpApi(port());
    }

    @Override
    public void close() {
        context.close();
    }
}
