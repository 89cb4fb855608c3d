package org.hospital.command;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Another instance's consumer of a group, in a process of its own so that a test can kill it the way an instance
 * dies (no goodbye to the group; only its missing heartbeats tell). Arguments: bootstrap servers, group, topic, then
 * consumer properties as {@code key=value}. Prints {@code ASSIGNED <partitions>} once it holds partitions, and keeps
 * polling (committing nothing) until it is killed.
 */
public final class OtherInstance {

    private OtherInstance() {
    }

    public static void main(String[] args) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, args[1]);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        for (int i = 3; i < args.length; i++) {
            String[] property = args[i].split("=", 2);
            properties.put(property[0], property[1]);
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(args[2]), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        System.out.println("ASSIGNED " + partitions.stream().map(p -> String.valueOf(p.partition()))
                                .reduce((a, b) -> a + "," + b).orElseThrow());
                        System.out.flush();
                    }
                }
            });
            while (true) {
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }
}
