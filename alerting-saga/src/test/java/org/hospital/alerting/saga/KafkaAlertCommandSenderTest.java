package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hospital.alerting.TestSettings;
import org.hospital.events.RaiseAlert;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

class KafkaAlertCommandSenderTest {

    @Test
    void failsWhenNoBrokerAcknowledgesSoTheEventIsRetried() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300));
        KafkaAlertCommandSender sender = new KafkaAlertCommandSender(new KafkaTemplate<>(producers),
                TestSettings.with(Map.of("hospital.alerting.command-send-timeout", "PT2S")));
        try {
            assertThatThrownBy(() -> sender.send(new RaiseAlert("10:TACHYCARDIA:5001", 10, 1, "TACHYCARDIA", "high",
                    "High Heart Rate detected: 140 BPM", Instant.now(), 5001)))
                    .isInstanceOf(AlertCommandNotSent.class)
                    .hasMessageContaining("10:TACHYCARDIA:5001");
        } finally {
            producers.destroy();
        }
    }
}
