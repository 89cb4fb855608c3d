package org.hospital.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where PostgreSQL and Kafka are, as the environment names them: {@code DATABASE_URL} (with {@code DATABASE_USER}
 * and {@code DATABASE_PASSWORD}) and {@code KAFKA_BOOTSTRAP_SERVERS}, or Spring's own keys
 * ({@code spring.datasource.url}, {@code spring.kafka.bootstrap-servers}) as environment variables or arguments.
 */
public final class ConfiguredServers {

    private final Map<String, Object> properties;
    private final boolean database;
    private final boolean kafka;

    private ConfiguredServers(Map<String, Object> properties, boolean database, boolean kafka) {
        this.properties = properties;
        this.database = database;
        this.kafka = kafka;
    }

    public static ConfiguredServers fromEnvironment(Map<String, String> env, String[] args) {
        Map<String, Object> properties = new HashMap<>();
        if (env.containsKey("DATABASE_URL")) {
            properties.put("spring.datasource.url", env.get("DATABASE_URL"));
            putIfPresent(properties, "spring.datasource.username", env.get("DATABASE_USER"));
            putIfPresent(properties, "spring.datasource.password", env.get("DATABASE_PASSWORD"));
        }
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            properties.put("spring.kafka.bootstrap-servers", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        }
        boolean database = env.containsKey("DATABASE_URL") || env.containsKey("SPRING_DATASOURCE_URL")
                || hasArgument(args, "--spring.datasource.url=");
        boolean kafka = env.containsKey("KAFKA_BOOTSTRAP_SERVERS") || env.containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS")
                || hasArgument(args, "--spring.kafka.bootstrap-servers=");
        return new ConfiguredServers(properties, database, kafka);
    }

    public boolean database() {
        return database;
    }

    public boolean kafka() {
        return kafka;
    }

    /** The Spring properties that the environment's own names stand for. */
    public Map<String, Object> springProperties() {
        return Map.copyOf(properties);
    }

    /** What the environment must still name, in words for the operator; empty when both are configured. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!database) {
            missing.add("DATABASE_URL (with DATABASE_USER and DATABASE_PASSWORD)");
        }
        if (!kafka) {
            missing.add("KAFKA_BOOTSTRAP_SERVERS");
        }
        return missing;
    }

    private static boolean hasArgument(String[] args, String prefix) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith(prefix));
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
