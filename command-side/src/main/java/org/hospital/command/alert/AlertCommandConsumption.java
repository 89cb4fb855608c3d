package org.hospital.command.alert;

import java.io.UncheckedIOException;
import org.apache.kafka.clients.admin.NewTopic;
import org.hospital.events.Topics;
import org.hospital.platform.messaging.KafkaSettings;
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
 * How {@code alert-commands} is consumed: offsets are committed per record after it was handled; a failure (database
 * or event store down) is retried with back-off for as long as it takes, so no alert request is skipped. Only a
 * request that can never succeed (unreadable or incomplete) goes to {@code alert-commands.DLT} for operators.
 */
@Configuration(proxyBeanMethods = false)
class AlertCommandConsumption {

    static final String CONTAINER_FACTORY = "alertCommandContainerFactory";
    static final String DEAD_LETTER_TOPIC = Topics.ALERT_COMMANDS + ".DLT";

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
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler errors = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafka), backOff);
        errors.addNotRetryableExceptions(UncheckedIOException.class, RaiseAlertValidation.InvalidRaiseAlert.class);
        factory.setCommonErrorHandler(errors);
        return factory;
    }
}
