package org.hospital.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings of the hospital's own ({@code hospital.kafka.*}); connection settings stay under
 * {@code spring.kafka.*}. {@code partitions} bounds how many instances of a side can share the work.
 * {@code processorBatchSize} bounds the events of one processor transaction: a batch is what has arrived, so under
 * a steady load batches stay small and fast, and a backlog is worked off in large ones (one commit, one token update,
 * one multi-row write per table and one wait for the broker's acknowledgements per batch).
 */
@ConfigurationProperties("hospital.kafka")
public record KafkaSettings(@DefaultValue("6") int partitions,
                            @DefaultValue("1") short replicationFactor,
                            @DefaultValue("500") int processorBatchSize) {
}
