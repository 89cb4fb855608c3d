package org.hospital.app;

import java.util.List;
import java.util.Map;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Starts the hospital backend against the PostgreSQL and Kafka the environment names ({@link ConfiguredServers});
 * which sides run is decided by {@code hospital.sides} ({@code all} by default). Without both it refuses to start
 * and says what to set: the production jar carries no embedded server.
 */
@SpringBootApplication
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class, AlertingSideConfiguration.class})
public class HospitalApplication {

    /** Axon's own switch for its update checker, read from the system properties. */
    static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";
    /** The exit status when the environment does not name PostgreSQL and Kafka (sysexits' EX_CONFIG). */
    static final int NOT_CONFIGURED = 78;

    public static void main(String[] args) {
        ConfiguredServers servers = ConfiguredServers.fromEnvironment(System.getenv(), args);
        List<String> missing = servers.missing();
        if (!missing.isEmpty()) {
            System.err.println("Not started: set " + String.join(" and ", missing)
                    + ". This jar runs against configured servers only; ./run.sh starts the system with embedded"
                    + " PostgreSQL and Kafka.");
            System.exit(NOT_CONFIGURED);
        }
        application(servers.springProperties()).run(args);
    }

    /** The application with {@code defaults} under every other source of settings, Axon's update checker off. */
    public static SpringApplication application(Map<String, Object> defaults) {
        keepAxonFromReportingUsage();
        SpringApplication application = new SpringApplication(HospitalApplication.class);
        application.setDefaultProperties(defaults);
        return application;
    }

    /**
     * Axon's update checker sends the framework's version and a machine identifier to AxonIQ's servers on every
     * start. A hospital's servers do not call third parties unasked (and usually cannot): it is off unless
     * {@code -Daxoniq.update-checker.disabled=false} asks for it.
     */
    static void keepAxonFromReportingUsage() {
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
    }
}
