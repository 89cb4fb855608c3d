package org.hospital.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running inside this JVM in KRaft mode, one node acting as both broker and controller.
 * It has no shutdown hook of its own: it dies with the JVM, and an unclean stop only costs log recovery on the
 * next start. Call {@link #close()} for a clean stop.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final int port;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path logDirectory, int port) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.port = port;
    }

    /** KRaft combined broker+controller; formats the log directory on first use, reuses it afterwards. port 0 = free port. */
    public static EmbeddedKafka start(Path logDirectory, int port) {
        long started = System.nanoTime();
        Path directory = logDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Kafka log directory " + directory, e);
        }
        requireUnused(directory);
        int brokerPort = Ports.resolve(port, "Kafka");
        int controllerPort = freePortOtherThan(brokerPort);

        KafkaConfig config = KafkaConfig.fromProps(properties(directory, brokerPort, controllerPort), false);
        if (!Files.exists(directory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            format(config, directory);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the broker has caught up with the metadata log and is unfenced, i.e. usable.
            server.startup();
        } catch (RuntimeException | Error e) {
            server.shutdown();
            server.awaitShutdown();
            throw e;
        }
        log.info("Kafka started on port {} (controller {}) with logs in {} ({} ms)", brokerPort, controllerPort,
                directory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return new EmbeddedKafka(server, directory, brokerPort);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /**
     * Stops this broker (if it still runs) and starts a new one on the same port and log directory, so clients
     * that keep the bootstrap address reconnect to it and find every record. For outage tests; the returned
     * instance replaces this one.
     */
    public EmbeddedKafka restart() {
        close();
        return start(logDirectory, port);
    }

    /** Synchronized so that a concurrent second caller returns only once the broker is down. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka on port {} stopped; logs kept in {}", port, logDirectory);
    }

    private static Properties properties(Path directory, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(NODE_ID));
        // A static voter set (not --standalone's dynamic quorum) keeps the controller address out of the stored
        // metadata, so the controller may get a different free port on every start.
        p.setProperty("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", directory.toString());
        // Single node: every internal topic must make do with one replica.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("num.partitions", "6");
        p.setProperty("auto.create.topics.enable", "true");
        // Consumers of a fresh group start at once instead of waiting 3 s for more members.
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The default 50 partitions per internal topic slow down the first consumer group and transaction on a dev box.
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.num.partitions", "6");
        // Events are history: the default 7-day retention would silently delete them from a long-lived dev broker.
        p.setProperty("log.retention.ms", "-1");
        // The log cleaner allocates this buffer up front (128 MiB by default); 16 MiB is plenty for compacting
        // the consumer offsets of a dev box and keeps test JVMs small.
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    /** The equivalent of {@code kafka-storage format --cluster-id <random>} with a static controller quorum. */
    private static void format(KafkaConfig config, Path directory) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(directory.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log directory " + directory + ": " + output, e);
        }
        log.debug("Formatted Kafka log directory {}: {}", directory, output.toString(StandardCharsets.UTF_8).trim());
    }

    /**
     * Kafka locks its log directory only when the broker part starts, after the controller has already opened the
     * metadata log; a second server on the same directory would then fail half-way and leave the first one unable
     * to shut down. Trying the same lock first refuses it before anything starts.
     */
    private static void requireUnused(Path directory) {
        Path lockFile = directory.resolve(".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("Kafka log directory " + directory + " is in use by another process");
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("Kafka log directory " + directory + " is already in use in this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the lock on " + lockFile, e);
        }
    }

    private static int freePortOtherThan(int taken) {
        for (int port : Ports.free(2)) {
            if (port != taken) {
                return port;
            }
        }
        throw new IllegalStateException("No free port for the Kafka controller");
    }
}
