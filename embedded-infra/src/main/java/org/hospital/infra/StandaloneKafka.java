package org.hospital.infra;

import java.nio.file.Path;

/**
 * A Kafka broker as a process of its own: {@code StandaloneKafka <log dir> <port>} starts {@link EmbeddedKafka} on
 * that directory and port and runs until the process is stopped. A tool that must kill the broker (kill -9) and
 * start it again on the same data needs it outside its own JVM; the application jar launches it with
 * {@code -Dloader.main=org.hospital.infra.StandaloneKafka org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class StandaloneKafka {

    private StandaloneKafka() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("Usage: StandaloneKafka <log directory> <port>");
            System.exit(2);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(Path.of(args[0]), Integer.parseInt(args[1]));
        // A clean stop on SIGTERM spares the next start the log recovery; SIGKILL skips this on purpose.
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "standalone-kafka-shutdown"));
        System.out.println("Kafka ready on " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }
}
