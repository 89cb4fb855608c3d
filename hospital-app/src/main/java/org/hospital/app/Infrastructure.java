package org.hospital.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.hospital.infra.EmbeddedKafka;
import org.hospital.infra.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where PostgreSQL and Kafka are. With {@code DATABASE_URL} (or {@code spring.datasource.url}) and
 * {@code KAFKA_BOOTSTRAP_SERVERS} (or {@code spring.kafka.bootstrap-servers}) set, those are used. Otherwise a real
 * PostgreSQL and a real KRaft broker are started in this process, with their data under {@code HOSPITAL_DATA_DIR}
 * ({@code ./data} by default) so that a restart keeps every encounter; {@code --fresh} (or
 * {@code HOSPITAL_FRESH=true}) deletes that data first.
 */
final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private final Map<String, Object> properties = new HashMap<>();
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;

    private Infrastructure() {
    }

    static Infrastructure fromEnvironment(Map<String, String> env, String[] args) {
        Infrastructure infrastructure = new Infrastructure();
        Path dataDirectory = Path.of(env.getOrDefault("HOSPITAL_DATA_DIR", "data")).toAbsolutePath();
        boolean fresh = Arrays.asList(args).contains("--fresh")
                || Boolean.parseBoolean(env.getOrDefault("HOSPITAL_FRESH", "false"));
        boolean externalDatabase = env.containsKey("DATABASE_URL") || env.containsKey("SPRING_DATASOURCE_URL")
                || hasArgument(args, "--spring.datasource.url=");
        boolean externalKafka = env.containsKey("KAFKA_BOOTSTRAP_SERVERS")
                || env.containsKey("SPRING_KAFKA_BOOTSTRAP_SERVERS")
                || hasArgument(args, "--spring.kafka.bootstrap-servers=");
        if (fresh && (!externalDatabase || !externalKafka)) {
            deleteRecursively(dataDirectory);
        }
        if (env.containsKey("DATABASE_URL")) {
            infrastructure.properties.put("spring.datasource.url", env.get("DATABASE_URL"));
            putIfPresent(infrastructure.properties, "spring.datasource.username", env.get("DATABASE_USER"));
            putIfPresent(infrastructure.properties, "spring.datasource.password", env.get("DATABASE_PASSWORD"));
        } else if (!externalDatabase) {
            int port = Integer.parseInt(env.getOrDefault("HOSPITAL_POSTGRES_PORT", "5433"));
            infrastructure.postgres = EmbeddedPostgres.start(dataDirectory.resolve("postgres"), port);
            infrastructure.properties.put("spring.datasource.url", infrastructure.postgres.jdbcUrl());
            infrastructure.properties.put("spring.datasource.username", infrastructure.postgres.username());
            infrastructure.properties.put("spring.datasource.password", infrastructure.postgres.password());
            log.info("Embedded PostgreSQL listening on localhost:{} (database hospital, data in {})",
                    infrastructure.postgres.port(), dataDirectory.resolve("postgres"));
        }
        if (env.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
            infrastructure.properties.put("spring.kafka.bootstrap-servers", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        } else if (!externalKafka) {
            int port = Integer.parseInt(env.getOrDefault("HOSPITAL_KAFKA_PORT", "9092"));
            infrastructure.kafka = EmbeddedKafka.start(dataDirectory.resolve("kafka"), port);
            infrastructure.properties.put("spring.kafka.bootstrap-servers", infrastructure.kafka.bootstrapServers());
            log.info("Embedded Kafka (KRaft) listening on {} (data in {})",
                    infrastructure.kafka.bootstrapServers(), dataDirectory.resolve("kafka"));
        }
        return infrastructure;
    }

    Map<String, Object> springProperties() {
        return Map.copyOf(properties);
    }

    /** From now on only {@link #close()} stops the embedded servers (the caller closes them after the application). */
    void stopOnlyWhenClosed() {
        if (postgres != null) {
            postgres.stopOnlyWhenClosed();
        }
    }

    void close() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static boolean hasArgument(String[] args, String prefix) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith(prefix));
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        log.warn("--fresh: deleting all local data in {}", directory);
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
