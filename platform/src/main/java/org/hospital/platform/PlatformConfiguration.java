package org.hospital.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The shared plumbing, imported by every side's configuration. Loads the defaults every side shares; an
 * application's own configuration overrides any of them.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = PlatformConfiguration.class)
@PropertySource("classpath:hospital-platform.properties")
public class PlatformConfiguration {

    /**
     * Time in microseconds, the precision PostgreSQL keeps: an instant a write returns is then exactly the one every
     * view shows later.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
