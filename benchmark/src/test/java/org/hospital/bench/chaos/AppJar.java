package org.hospital.bench.chaos;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The system's runnable jars, which the reactor builds before this module. */
final class AppJar {

    private AppJar() {
    }

    /** The one-command run (hospital-local): embedded PostgreSQL and Kafka when none is configured. */
    static Path oneCommand() {
        return required("hospital-local");
    }

    /** The production jar (hospital-app): configured PostgreSQL and Kafka only. */
    static Path production() {
        return required("hospital-app");
    }

    private static Path required(String module) {
        Path jar = Path.of("..", module, "target", module + "-exec.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("%s is missing: build the system first (./mvnw -pl %s -am package -DskipTests),"
                    + " or run the whole reactor (./mvnw verify)", jar, module);
        }
        return jar;
    }
}
