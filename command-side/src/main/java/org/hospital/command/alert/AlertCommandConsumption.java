package org.hospital.command.alert;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.KafkaSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How {@code alert-commands} is consumed: in batches (a poll's records, {@link AlertCommandListener}), offsets
 * committed after the batch was handled, or up to the record that failed; a failure (database
 * or event store down, two writers on one alert at once) is retried with back-off for as long as it takes, so no
 * request is skipped. Only a request that can never succeed ({@link InvalidAlertCommand}) goes to
 * {@code alert-commands.DLT}, with an ERROR log line for operators (topic, partition, offset, type and reason; never
 * the payload, which names a patient).
 */
@Configuration(proxyBeanMethods = false)
class AlertCommandConsumption {

    static final String CONTAINER_FACTORY = "alertCommandContainerFactory";
    static final String DEAD_LETTER_TOPIC = Topics.ALERT_COMMANDS + ".DLT";

    private static final Logger log = LoggerFactory.getLogger(AlertCommandConsumption.class);

    @Bean
    NewTopic alertCommandsDeadLetterTopic(KafkaSettings settings) {
        return TopicBuilder.name(DEAD_LETTER_TOPIC).partitions(settings.partitions())
                .replicas(settings.replicationFactor()).build();
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> alertCommandContainerFactory(
            ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafka) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        // Named explicitly: Spring Kafka's default destination is "<topic>-dlt", not the topic declared here. A
        // negative partition lets the record's key (the encounter) choose it, whatever the topic's partition count.
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(DEAD_LETTER_TOPIC, -1));
        DefaultErrorHandler errors = new DefaultErrorHandler((record, exception) -> {
            log.error("Alert request {}-{}@{} cannot be processed and goes to {}: {}", record.topic(),
                    record.partition(), record.offset(), DEAD_LETTER_TOPIC, reason(exception));
            deadLetters.accept(record, exception);
        }, backOff);
        // Besides Spring's own non-transient failures, everything else (database down, a concurrent change of the
        // same alert) is retried without limit.
        errors.addNotRetryableExceptions(InvalidAlertCommand.class);
        factory.setCommonErrorHandler(errors);
        return factory;
    }

    /** Our own message (safe by construction), or only the exception's class: a parser's message may quote data. */
    private static String reason(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidAlertCommand invalid) {
                return invalid.getMessage();
            }
        }
        return exception.getClass().getSimpleName();
    }
}
