package org.hospital.local;

import org.hospital.app.HospitalApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The one-command run ({@code ./run.sh}): the hospital backend with a real PostgreSQL and Kafka broker started in
 * this process for whichever of the two the environment does not name ({@link Infrastructure}).
 */
public final class LocalHospital {

    /** Logback's own switch for its configuration file, read when the first logger is made. */
    static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    private LocalHospital() {
    }

    public static void main(String[] args) {
        boolean quietStartup = logQuietlyUntilSpringBootLogs();
        Infrastructure infrastructure = Infrastructure.fromEnvironment(System.getenv(), args);
        if (quietStartup) {
            System.clearProperty(LOGBACK_CONFIGURATION); // Spring Boot warns about it and ignores it anyway
        }
        SpringApplication application = HospitalApplication.application(infrastructure.springProperties());
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
}
