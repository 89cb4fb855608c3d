package org.hospital.platform.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reports Kafka down when no broker answers within a short timeout, so readiness says "degraded" while the event
 * store keeps accepting writes and the publisher waits to catch up.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final AdminClient admin;

    KafkaHealthIndicator(KafkaProperties kafka) {
        super("Kafka health check failed");
        Map<String, Object> properties = kafka.buildAdminProperties();
        properties.put("request.timeout.ms", (int) TIMEOUT.toMillis());
        properties.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
        this.admin = AdminClient.create(properties);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        if (brokers > 0) {
            builder.up();
        } else {
            builder.down();
        }
    }

    @Override
    public void destroy() {
        admin.close(TIMEOUT);
    }
}
