package org.hospital.alerting;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The alerting side alone, as its own process would run it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(AlertingSideConfiguration.class)
public class AlertingTestApplication {
}
