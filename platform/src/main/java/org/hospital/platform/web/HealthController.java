package org.hospital.platform.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For load balancers and people: the process serves requests ({@link StartupGate} answers 503 before it does).
 * Whether PostgreSQL and Kafka are reachable: /actuator/health/readiness.
 */
@RestController
class HealthController {

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "ok");
    }
}
