package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.hospital.events.RaiseAlert;
import org.hospital.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The plain-JSON topics carry each reading and each alert change once, even when the publishing processor handles
 * its events again: here its position is moved back after it published, as when the process dies between the
 * broker's acknowledgements and storing the position, or a batch fails after some of its records were written.
 */
class IntegrationTopicsOnceTest extends CommandSideHttpTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    Configuration axon;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    CommandGateway commands;

    @Test
    void publishesEachReadingAndAlertChangeOnceWhenTheProcessorHandlesItsEventsAgain() {
        Credential admin = demo("admin");
        Credential nurse = demo("nurse_joy");
        long doctor = ok("GET", "/auth/me", demo("dr_house"), null).path("doctor_id").asLong();
        long patient = newPatient(admin);
        long encounter = admit(admin, patient, doctor, newRoom(admin, "ICU"));
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(CommandSideConfiguration.INTEGRATION_TOPICS, TrackingEventProcessor.class)
                .orElseThrow();
        await().atMost(WAIT).until(() -> processor.processingStatus().get(0) != null
                && processor.processingStatus().get(0).isCaughtUp());
        TrackingToken before = transactions.fetchInTransaction(
                () -> tokenStore.fetchToken(CommandSideConfiguration.INTEGRATION_TOPICS, 0));

        Instant at = recently();
        List<Long> readings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            readings.add(ok("POST", "/vitals", nurse, reading(patient, encounter, at.plusSeconds(i), 80 + i))
                    .path("id").asLong());
        }
        commands.sendAndWait(new RaiseAlert(encounter + ":TACHYCARDIA:" + readings.getLast(), encounter, patient,
                "TACHYCARDIA", "high", "High Heart Rate detected: 140 BPM", at, readings.getLast(),
                "TACHYCARDIA: hr_bpm > 130", Map.of("hr_bpm", 140.0), null));
        await().atMost(WAIT).until(() -> readingIds(encounter).containsAll(readings)
                && alertChanges(encounter).size() == 1);

        // Handle everything since `before` again.
        processor.shutDown();
        transactions.executeInTransaction(
                () -> tokenStore.storeToken(before, CommandSideConfiguration.INTEGRATION_TOPICS, 0));
        processor.start();
        long marker = ok("POST", "/vitals", nurse, reading(patient, encounter, at.plusSeconds(30), 77))
                .path("id").asLong();
        await().atMost(WAIT).until(() -> readingIds(encounter).contains(marker));

        List<Long> published = readingIds(encounter);
        assertThat(published).as("each reading once, in order").containsExactlyElementsOf(
                Stream.concat(readings.stream(), Stream.of(marker)).toList());
        assertThat(alertChanges(encounter)).as("the alert's one change").containsExactly("raised");
    }

    private static List<Long> readingIds(long encounter) {
        return records(Topics.VITALS_STREAM, encounter).stream().map(record -> record.path("id").asLong()).toList();
    }

    private static List<String> alertChanges(long encounter) {
        return records(Topics.ALERTS, encounter).stream().map(record -> record.path("change").asString()).toList();
    }

    /** Every record of the encounter on the topic, read from the start up to the topic's current end. */
    private static List<JsonNode> records(String topic, long encounter) {
        List<JsonNode> records = new ArrayList<>();
        try (var consumer = TopicConsumers.fromTheStart()) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (String.valueOf(encounter).equals(record.key())) {
                        records.add(JSON.readTree(record.value()));
                    }
                }
            }
        }
        return records;
    }
}
