package org.hospital.platform;

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
}
