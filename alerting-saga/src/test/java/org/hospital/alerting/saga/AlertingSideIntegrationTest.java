package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hospital.alerting.saga.ReadingBuilder.reading;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.alerting.AlertingTestApplication;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.RaiseAlert;
import org.hospital.events.Topics;
import org.hospital.events.VitalsRecorded;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.messaging.PlainJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The alerting side alone against a real PostgreSQL and a real Kafka broker: domain events in Axon's Kafka format on
 * {@code hospital-events} in, {@code RaiseAlert} as plain JSON on {@code alert-commands} out, saga state in
 * PostgreSQL.
 */
@SpringBootTest(classes = AlertingTestApplication.class)
class AlertingSideIntegrationTest {

    private static final String DATABASE_URL = TestInfrastructure.shared().newDatabase("alerting");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> infrastructure.postgres().username());
        registry.add("spring.datasource.password", () -> infrastructure.postgres().password());
        registry.add("spring.kafka.bootstrap-servers", () -> infrastructure.kafka().bootstrapServers());
        registry.add("hospital.security.jwt.secret", () -> "alerting-integration-test-secret-0123456789");
    }

    @Autowired
    private KafkaMessageConverter<String, byte[]> converter;
    @Autowired
    private KafkaTemplate<String, byte[]> kafka;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private org.axonframework.config.Configuration axon;

    private KafkaConsumer<String, byte[]> alertCommands;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    // Encounters unique per run: the broker is shared by every test class of this JVM.
    private final long encounter = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
    private final long patient = encounter + 7;

    @BeforeEach
    void subscribeToAlertCommands() {
        alertCommands = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        // The topic exists once the context's KafkaAdmin has created it.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !alertCommands.partitionsFor(Topics.ALERT_COMMANDS).isEmpty());
        List<TopicPartition> partitions = alertCommands.partitionsFor(Topics.ALERT_COMMANDS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        alertCommands.assign(partitions);
        alertCommands.seekToBeginning(partitions);
    }

    @AfterEach
    void close() {
        alertCommands.close();
    }

    @Test
    void requestsOneTachycardiaAlertForAHeartRateOf140AndKeepsTheSagaInPostgres() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", now));
        VitalsRecorded tachycardia = reading(5001).of(encounter, patient).heartRate(140).at(now).build();
        publish(tachycardia);

        await().atMost(Duration.ofSeconds(60)).until(() -> commandsOfThisEncounter().size() == 1);

        ConsumerRecord<String, byte[]> record = recordsOfThisEncounter().getFirst();
        assertThat(record.key()).isEqualTo(String.valueOf(encounter));
        assertThat(PlainJson.read(record.value(), RaiseAlert.class)).isEqualTo(new RaiseAlert(
                encounter + ":TACHYCARDIA:5001", encounter, patient, "TACHYCARDIA", "high",
                "High Heart Rate detected: 140 BPM", now, 5001));
        assertThat(new String(record.value())).contains("\"alert_key\"", "\"reading_id\":5001");
        // The saga's state is committed with the processor's token, just after the send was acknowledged.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT a.saga_type FROM association_value_entry a JOIN saga_entry s ON s.saga_id = a.saga_id "
                        + "WHERE a.association_key = 'encounterId' AND a.association_value = ?", String.class,
                String.valueOf(encounter))).containsExactly(EncounterAlertingSaga.class.getName()));
    }

    @Test
    void sendsNothingMoreWhenTheSameReadingIsDeliveredAgain() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new PatientAdmitted(encounter, patient, 2, 5, "101A", "ICU", now));
        VitalsRecorded tachycardia = reading(5001).of(encounter, patient).heartRate(140).at(now).build();
        publish(tachycardia);
        await().atMost(Duration.ofSeconds(60)).until(() -> commandsOfThisEncounter().size() == 1);

        publish(tachycardia);
        // A later reading of the same encounter is processed after the redelivered one (same partition, in order):
        // once its alert is out, the redelivery has been handled.
        publish(reading(5002).of(encounter, patient).spo2(85).at(now).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> commandsOfThisEncounter().size() >= 2);

        assertThat(commandsOfThisEncounter()).extracting(RaiseAlert::alertKey)
                .containsExactly(encounter + ":TACHYCARDIA:5001", encounter + ":HYPOXIA:5002");
    }

    @Test
    void keepsSagasAndTheirKafkaPositionInPostgresWithinOneTransaction() {
        assertThat(context.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        assertThat(context.getBean(SagaStore.class)).isInstanceOf(JdbcSagaStore.class);
        assertThat(context.getBean(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
        assertThat(axon.eventProcessingConfiguration().eventProcessor(AlertingSideConfiguration.PROCESSING_GROUP))
                .get().isInstanceOf(TrackingEventProcessor.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM token_entry WHERE processor_name = ?", Long.class,
                AlertingSideConfiguration.PROCESSING_GROUP) > 0);
    }

    private void publish(Object event) throws Exception {
        kafka.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), Topics.DOMAIN_EVENTS))
                .get();
    }

    private List<RaiseAlert> commandsOfThisEncounter() {
        return recordsOfThisEncounter().stream().map(r -> PlainJson.read(r.value(), RaiseAlert.class)).toList();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOfThisEncounter() {
        alertCommands.poll(Duration.ofMillis(200)).forEach(received::add);
        return received.stream().filter(r -> String.valueOf(encounter).equals(r.key())).toList();
    }
}
