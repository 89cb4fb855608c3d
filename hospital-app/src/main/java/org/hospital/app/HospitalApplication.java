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

    public static void main(String[] args) {
        Infrastructure infrastructure = Infrastructure.fromEnvironment(System.getenv(), args);
        SpringApplication application = new SpringApplication(HospitalApplication.class);
        application.setDefaultProperties(infrastructure.springProperties());
        // The embedded servers must outlive the application's last write: stop the context first, then them.
        application.setRegisterShutdownHook(false);
        try {
            ConfigurableApplicationContext context = application.run(args);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                infrastructure.close();
            }, "hospital-shutdown"));
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }
}
