package org.hospital.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.hospital.app.ConfiguredServers;
import org.hospital.infra.EmbeddedKafka;
import org.hospital.infra.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where PostgreSQL and Kafka are. Those the environment names ({@link ConfiguredServers}) are used; a real
 * PostgreSQL or KRaft broker is started in this process for each it does not name, with its data under
 * {@code HOSPITAL_DATA_DIR} ({@code ./data} by default) so that a restart keeps every encounter; {@code --fresh}
 * (or {@code HOSPITAL_FRESH=true}) deletes that data first.
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
        ConfiguredServers configured = ConfiguredServers.fromEnvironment(env, args);
        infrastructure.properties.putAll(configured.springProperties());
        Path dataDirectory = Path.of(env.getOrDefault("HOSPITAL_DATA_DIR", "data")).toAbsolutePath();
        boolean fresh = Arrays.asList(args).contains("--fresh")
                || Boolean.parseBoolean(env.getOrDefault("HOSPITAL_FRESH", "false"));
        if (fresh && (!configured.database() || !configured.kafka())) {
            deleteRecursively(dataDirectory);
        }
        if (!configured.database()) {
            int port = Integer.parseInt(env.getOrDefault("HOSPITAL_POSTGRES_PORT", "5433"));
            infrastructure.postgres = EmbeddedPostgres.start(dataDirectory.resolve("postgres"), port);
            infrastructure.properties.put("spring.datasource.url", infrastructure.postgres.jdbcUrl());
            infrastructure.properties.put("spring.datasource.username", infrastructure.postgres.username());
            infrastructure.properties.put("spring.datasource.password", infrastructure.postgres.password());
            log.info("Embedded PostgreSQL listening on localhost:{} (database hospital, data in {})",
                    infrastructure.postgres.port(), dataDirectory.resolve("postgres"));
        }
        if (!configured.kafka()) {
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
