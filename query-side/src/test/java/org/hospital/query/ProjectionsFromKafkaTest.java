package org.hospital.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.observation;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.hospital.query.HospitalEvents.reading;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.hospital.events.AlertRaised;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The whole way in: Axon-format records on the domain-event topic, read by the projections' tracking processor. */
class ProjectionsFromKafkaTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    @Autowired
    KafkaMessageConverter<String, byte[]> converter;

    @Autowired
    JdbcClient jdbc;

    @Test
    void projectsEventsFromTheTopicOnceEvenWhenTheyAreDeliveredTwice() throws Exception {
        long patientId = TestIds.next();
        long doctorId = TestIds.next();
        PatientAdmitted admission = admitted(TestIds.next(), patientId, doctorId, "ICU", T0);
        AlertRaised alert = alertRaised(TestIds.next(), admission, T0.plusSeconds(120));
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Object event : List.of(patientRegistered(patientId, "Asha Rao", LocalDate.of(1970, 3, 1)),
                doctorRegistered(doctorId), admission, reading(TestIds.next(), admission, T0.plusSeconds(60), 142),
                alert, observation(TestIds.next(), admission, "Tachycardic, reviewed.", T0.plusSeconds(180)))) {
            records.add(converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), Topics.DOMAIN_EVENTS));
        }

        List<Long> markers = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
            // The publisher resends after a crash between send and token commit: the same records again.
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get();
            }
            // A marker on every partition, after the copies: once each is projected, so is every record before it
            // (a partition is read in order). Waiting for the first copies' effects alone would end the waits
            // before a second copy was even read, and a duplicate projected twice would still pass.
            int partitions = producer.partitionsFor(Topics.DOMAIN_EVENTS).size();
            for (int partition = 0; partition < partitions; partition++) {
                long marker = TestIds.next();
                markers.add(marker);
                ProducerRecord<String, byte[]> record = converter.createKafkaMessage(GenericEventMessage
                        .asEventMessage(patientRegistered(marker, "Marker", LocalDate.of(2000, 1, 1))),
                        Topics.DOMAIN_EVENTS);
                producer.send(new ProducerRecord<>(record.topic(), partition, record.key(), record.value(),
                        record.headers())).get();
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("SELECT count(*) FROM view_patients WHERE id IN (:markers)").param("markers", markers)
                .query(Long.class).single() == markers.size());

        mvc.perform(get("/encounters/" + admission.encounterId() + "/overview")
                        .header("Authorization", tokens.doctor(doctorId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.latest_vitals.hr_bpm").value(142))
                .andExpect(jsonPath("$.data.last_observation.note").value("Tachycardic, reviewed."))
                .andExpect(jsonPath("$.data.alerts_count").value(1));
        mvc.perform(get("/doctors/" + doctorId + "/patients").header("Authorization", tokens.doctor(doctorId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.encounters.length()").value(1))
                .andExpect(jsonPath("$.data.encounters[0].patient.name").value("Asha Rao"));
        assertThat(count("SELECT count(*) FROM view_vitals WHERE encounter_id = ?", admission.encounterId()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM view_observations WHERE encounter_id = ?", admission.encounterId()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM view_alerts WHERE encounter_id = ?", admission.encounterId()))
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT occurrences FROM view_alerts WHERE alert_id = ?").param(alert.alertId())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM token_entry WHERE processor_name = ?", "projections"))
                .as("the projections' Kafka position is kept in PostgreSQL").isPositive();
    }

    private long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}
