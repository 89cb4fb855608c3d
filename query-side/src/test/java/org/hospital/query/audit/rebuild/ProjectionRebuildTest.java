package org.hospital.query.audit.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.acknowledged;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.discharged;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.observation;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.hospital.query.HospitalEvents.reading;
import static org.hospital.query.HospitalEvents.resolved;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.hospital.events.AlertRaised;
import org.hospital.events.EncounterEvent;
import org.hospital.events.EventMetadata;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.Topics;
import org.hospital.infra.TestInfrastructure;
import org.hospital.query.audit.AuditIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The whole way: events published on the domain-event topic as the command side publishes them (with their
 * event-store positions), projected, every view captured, the projections rebuilt from the topic, and every view
 * captured again.
 */
class ProjectionRebuildTest extends AuditIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    @Autowired
    KafkaMessageConverter<String, byte[]> converter;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ApplicationContext context;

    /**
     * Axon's Spring support puts every handler-interceptor bean on every processor of the process (the alerting
     * saga's and the publisher's in the one-JVM system), so the rebuild's event counter must not be one.
     */
    @Test
    void countsProgressWithAnInterceptorOnTheProjectionsProcessorOnly() {
        assertThat(context.getBeansOfType(MessageHandlerInterceptor.class)).isEmpty();
        assertThat(context.getBean(HandledEvents.class)).isNotNull();
    }

    @Test
    void rebuildsEveryViewIdenticallyWithoutResendingAlertChanges() throws Exception {
        long doctorId = TestIds.next();
        PatientAdmitted first = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0);
        PatientAdmitted second = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0.plusSeconds(30));
        AlertRaised resolvedAlert = alertRaised(TestIds.next(), first, T0.plusSeconds(120));
        AlertRaised openAlert = alertRaised(TestIds.next(), second, T0.plusSeconds(150));
        publish(List.of(
                patientRegistered(first.patientId(), "Asha Rao", LocalDate.of(1970, 3, 1)),
                patientRegistered(second.patientId(), "Ravi Iyer", LocalDate.of(1950, 1, 9)),
                doctorRegistered(doctorId),
                first, second,
                reading(TestIds.next(), first, T0.plusSeconds(60), 142),
                reading(TestIds.next(), second, T0.plusSeconds(90), 80),
                resolvedAlert, acknowledged(resolvedAlert, T0.plusSeconds(130)),
                resolved(resolvedAlert, T0.plusSeconds(140)),
                openAlert,
                observation(TestIds.next(), first, "Tachycardic, reviewed.", T0.plusSeconds(180)),
                reading(TestIds.next(), first, T0.plusSeconds(200), 95),
                discharged(first, T0.plusSeconds(3600))));
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            mvc.perform(get("/encounters/" + second.encounterId() + "/overview").header("Authorization",
                    tokens.admin())).andExpect(jsonPath("$.data.alerts_count").value(1));
            mvc.perform(get("/encounters/" + first.encounterId() + "/history").header("Authorization",
                    tokens.admin())).andExpect(jsonPath("$.data.events.length()").value(8));
            mvc.perform(get("/encounters/" + first.encounterId() + "/overview").header("Authorization",
                    tokens.admin())).andExpect(jsonPath("$.data.status").value("discharged"));
        });
        Map<String, String> before = views(doctorId, List.of(first, second));
        long auditEvents = count("SELECT count(*) FROM audit_event");
        Long alertChanges = alertChanges();

        mvc.perform(post("/admin/projections/rebuild").header("Authorization", tokens.auditor()))
                .andExpect(status().isForbidden());
        // The rebuild is held open: it cannot empty the views while this transaction holds one of them, so the read
        // below certainly falls inside it (a rebuild of a few events is otherwise over before a read arrives).
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE view_vitals IN SHARE MODE");
            }
            mvc.perform(post("/admin/projections/rebuild").header("Authorization", tokens.admin()))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.data.state").value("running"));
            mvc.perform(get("/encounters/" + second.encounterId() + "/overview")
                            .header("Authorization", tokens.admin()))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"))
                    .andExpect(header().exists("Retry-After"));
            mvc.perform(get("/encounters/" + second.encounterId() + "/history").header("Authorization",
                    tokens.auditor())).andExpect(status().isOk());
            mvc.perform(get("/admin/projections/rebuild").header("Authorization", tokens.admin()))
                    .andExpect(jsonPath("$.data.state").value("running"));
            holder.rollback();
        }

        Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                mvc.perform(get("/admin/projections/rebuild").header("Authorization", tokens.admin()))
                        .andExpect(jsonPath("$.data.state").value("done")));
        String progress = mvc.perform(get("/admin/projections/rebuild").header("Authorization", tokens.admin()))
                .andReturn().getResponse().getContentAsString();
        System.out.println("REBUILD PROGRESS: " + progress);
        assertThat(((Number) JsonPath.read(progress, "$.data.events_done")).longValue())
                .isEqualTo(((Number) JsonPath.read(progress, "$.data.events_total")).longValue())
                .isGreaterThanOrEqualTo(14);

        assertThat(views(doctorId, List.of(first, second))).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM audit_event")).isEqualTo(auditEvents);
        assertThat(alertChanges()).as("no alert change is recorded, so none is re-sent").isEqualTo(alertChanges);
    }

    /** The JSON of every GET view of the encounters, their patients and their doctor. */
    private Map<String, String> views(long doctorId, List<PatientAdmitted> admissions) throws Exception {
        List<String> paths = new ArrayList<>();
        paths.add("/doctors/" + doctorId + "/patients");
        for (PatientAdmitted admission : admissions) {
            paths.add("/encounters/" + admission.encounterId() + "/overview");
            paths.add("/encounters/" + admission.encounterId() + "/alerts");
            paths.add("/encounters/" + admission.encounterId() + "/observations");
            paths.add("/encounters/" + admission.encounterId() + "/history");
            paths.add("/patients/" + admission.patientId() + "/encounter");
            paths.add("/patients/" + admission.patientId() + "/vitals/recent");
        }
        Map<String, String> views = new LinkedHashMap<>();
        for (String path : paths) {
            MockHttpServletResponse response = mvc.perform(get(path).header("Authorization", tokens.admin()))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            views.put(path, response.getContentAsString());
        }
        return views;
    }

    /** The live alert-delivery change log, when the query side has one. */
    private Long alertChanges() {
        boolean exists = jdbc.sql("SELECT to_regclass('view_alert_changes') IS NOT NULL").query(Boolean.class)
                .single();
        return exists ? count("SELECT count(*) FROM view_alert_changes") : null;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** As the command side's publisher: each event with its event-store position, aggregate and metadata. */
    private void publish(List<Object> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (Object event : events) {
                long position = TestIds.next();
                String aggregate = event instanceof EncounterEvent e ? "encounter-" + e.encounterId() : "registry";
                var message = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                        new GenericDomainEventMessage<>(event.getClass().getSimpleName(), aggregate, position, event,
                                Map.of(EventMetadata.ACTOR_USER_ID, 1L, EventMetadata.ACTOR_ROLE, "admin",
                                        EventMetadata.REQUEST_ID, "req-" + position),
                                "event-" + position, T0.plusSeconds(position % 1000)));
                producer.send(converter.createKafkaMessage(message, Topics.DOMAIN_EVENTS)).get();
            }
        }
    }
}
