package org.hospital.bench.chaos;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The system's jar from the hospital-app module, which the reactor builds before this one. */
final class AppJar {

    private static final Path JAR = Path.of("..", "hospital-app", "target", "hospital-app-exec.jar");

    private AppJar() {
    }

    static Path required() {
        Path jar = JAR.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            fail("%s is missing: build the system first (./mvnw -pl hospital-app -am package -DskipTests),"
                    + " or run the whole reactor (./mvnw verify)", jar);
        }
        return jar;
    }
}
