package org.hospital.app;

import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.command.CommandSideConfiguration;
import org.hospital.query.QuerySideConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * Starts the hospital backend. Which sides run is decided by {@code hospital.sides} ({@code all} by default);
 * PostgreSQL and Kafka are the configured ones, or embedded ones started here first (see {@link Infrastructure}).
 */
@SpringBootApplication
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class, AlertingSideConfiguration.class})
public class HospitalApplication {

    /** Axon's own switch for its update checker, read from the system properties. */
    static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    /** Logback's own switch for its configuration file, read when the first logger is made. */
    static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    public static void main(String[] args) {
        boolean quietStartup = logQuietlyUntilSpringBootLogs();
        keepAxonFromReportingUsage();
        Infrastructure infrastructure = Infrastructure.fromEnvironment(System.getenv(), args);
        if (quietStartup) {
            System.clearProperty(LOGBACK_CONFIGURATION); // Spring Boot warns about it and ignores it anyway
        }
        SpringApplication application = new SpringApplication(HospitalApplication.class);
        application.setDefaultProperties(infrastructure.springProperties());
        // The embedded servers must outlive the application's last write: stop the context first (it drains), then
        // them, from one hook. JVM shutdown hooks run concurrently, so the embedded PostgreSQL's own hook, which
        // stops it while the JVM starts, is removed once this one is in place.
        application.setRegisterShutdownHook(false);
        try {
            ConfigurableApplicationContext context = application.run(args);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    context.close();
                } finally {
                    infrastructure.close();
                }
            }, "hospital-shutdown"));
            infrastructure.stopOnlyWhenClosed();
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    /**
     * The embedded servers start, and log, before Spring Boot configures logging; this keeps their chatter to
     * warnings until then. The file is not {@code logback.xml}, so that Spring Boot then applies its own default
     * configuration and every {@code logging.*} setting, structured JSON logs included, instead of reloading it.
     */
    static boolean logQuietlyUntilSpringBootLogs() {
        if (System.getProperty(LOGBACK_CONFIGURATION) != null) {
            return false;
        }
        System.setProperty(LOGBACK_CONFIGURATION, "hospital-startup-logback.xml");
        return true;
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
