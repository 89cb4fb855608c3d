package org.hospital.query.audit.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.doctorRegistered;
import static org.hospital.query.HospitalEvents.patientRegistered;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.hospital.events.PatientAdmitted;
import org.hospital.query.audit.AuditDriver.Actor;
import org.hospital.query.audit.AuditIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AccessLogTest extends AuditIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:00:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessLogWriter writer;

    @Autowired
    DataSource dataSource;

    private PatientAdmitted admission;

    @BeforeEach
    void admittedPatient() {
        admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        events.apply(patientRegistered(admission.patientId(), "Asha Rao", LocalDate.of(1970, 3, 1)), T0, null);
        events.apply(doctorRegistered(admission.doctorId()), T0, null);
        events.apply(admission, T0, Actor.user(1, "admin"));
    }

    @Test
    void namesEveryUserWhoReadThePatientNewestFirst() throws Exception {
        mvc.perform(get("/encounters/" + admission.encounterId() + "/overview")
                        .header("Authorization", tokens.doctor(admission.doctorId())).header("X-Request-Id", "read-1"))
                .andExpect(status().isOk());
        mvc.perform(get("/patients/" + admission.patientId() + "/vitals/recent")
                        .header("Authorization", tokens.nurse("ICU")).header("X-Request-Id", "read-2"))
                .andExpect(status().isOk());
        mvc.perform(get("/encounters/" + admission.encounterId() + "/alerts")
                        .header("Authorization", tokens.doctor(TestIds.next())).header("X-Request-Id", "read-3"))
                .andExpect(status().isNotFound());

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/patients/" + admission.patientId() + "/access-log")
                                .header("Authorization", tokens.auditor()))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.data.entries.length()").value(3))
                        .andExpect(jsonPath("$.data.entries[0].request_id").value("read-3"))
                        .andExpect(jsonPath("$.data.entries[0].outcome").value(404))
                        .andExpect(jsonPath("$.data.entries[0].action").value("GET /encounters/{encounter_id}/alerts"))
                        .andExpect(jsonPath("$.data.entries[1].user_id").value(3))
                        .andExpect(jsonPath("$.data.entries[1].role").value("nurse"))
                        .andExpect(jsonPath("$.data.entries[2].user_id").value(2))
                        .andExpect(jsonPath("$.data.entries[2].role").value("doctor"))
                        .andExpect(jsonPath("$.data.entries[2].encounter_id").value(admission.encounterId()))
                        .andExpect(jsonPath("$.data.entries[2].patient_id").value(admission.patientId()))
                        .andExpect(jsonPath("$.data.entries[2].outcome").value(200)));
    }

    @Test
    void recordsADoctorsListOncePerPatientListed() throws Exception {
        mvc.perform(get("/doctors/" + admission.doctorId() + "/patients")
                        .header("Authorization", tokens.doctor(admission.doctorId())).header("X-Request-Id", "list-1"))
                .andExpect(status().isOk());

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                mvc.perform(get("/patients/" + admission.patientId() + "/access-log")
                                .header("Authorization", tokens.admin()))
                        .andExpect(jsonPath("$.data.entries[0].action").value("GET /doctors/{doctor_id}/patients"))
                        .andExpect(jsonPath("$.data.entries[0].encounter_id").value(admission.encounterId()))
                        .andExpect(jsonPath("$.data.entries[0].request_id").value("list-1")));
    }

    @Test
    void verifiesTheChainAndFindsTheRowEditedInTheDatabase() throws Exception {
        readTheOverviewAndAwaitTheEntries(5);
        mvc.perform(get("/admin/access-log/verify").header("Authorization", tokens.auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.valid").value(true))
                .andExpect(jsonPath("$.data.first_broken_id").value((Object) null));

        long edited = jdbc.sql("SELECT min(id) FROM access_log WHERE encounter_id = ?")
                .param(admission.encounterId()).query(Long.class).single();
        jdbc.sql("UPDATE access_log SET user_id = 99 WHERE id = ?").param(edited).update();
        try {
            mvc.perform(get("/admin/access-log/verify").header("Authorization", tokens.admin()))
                    .andExpect(jsonPath("$.data.valid").value(false))
                    .andExpect(jsonPath("$.data.first_broken_id").value(edited));
        } finally {
            jdbc.sql("UPDATE access_log SET user_id = 1 WHERE id = ?").param(edited).update();
        }
        mvc.perform(get("/admin/access-log/verify").header("Authorization", tokens.admin()))
                .andExpect(jsonPath("$.data.valid").value(true));
    }

    /**
     * Someone with write access to the database but not the key edits an entry and recomputes every hash after it
     * (and the head), as they could with an unkeyed hash: the chain still breaks at the edited entry.
     */
    @Test
    void findsAnEntryRewrittenWithTheChainRecomputedWithoutTheKey() throws Exception {
        readTheOverviewAndAwaitTheEntries(3);
        long edited = jdbc.sql("SELECT min(id) FROM access_log WHERE encounter_id = ?")
                .param(admission.encounterId()).query(Long.class).single();
        List<Map<String, Object>> original = jdbc.sql(
                "SELECT id, user_id, previous_hash, hash FROM access_log WHERE id >= ? ORDER BY id")
                .param(edited).query().listOfRows();
        String originalHead = jdbc.sql("SELECT last_hash FROM access_log_head").query(String.class).single();

        AccessChain forger = new AccessChain("a-guessed-key-that-is-not-the-real-one-012".getBytes());
        jdbc.sql("UPDATE access_log SET user_id = 99 WHERE id = ?").param(edited).update();
        String previous = (String) original.get(0).get("previous_hash");
        for (Map<String, Object> row : original) {
            long id = ((Number) row.get("id")).longValue();
            AccessEntry entry = jdbc.sql("""
                            SELECT occurred_at, user_id, role, device_id, patient_id, encounter_id, action, outcome,
                                   request_id FROM access_log WHERE id = ?""").param(id)
                    .query((rs, n) -> new AccessEntry(rs.getTimestamp("occurred_at").toInstant(),
                            rs.getObject("user_id", Long.class), rs.getString("role"),
                            rs.getObject("device_id", Long.class), rs.getObject("patient_id", Long.class),
                            rs.getObject("encounter_id", Long.class), rs.getString("action"), rs.getInt("outcome"),
                            rs.getString("request_id"))).single();
            String forged = forger.hash(previous, id, entry);
            jdbc.sql("UPDATE access_log SET previous_hash = ?, hash = ? WHERE id = ?").params(previous, forged, id)
                    .update();
            previous = forged;
        }
        jdbc.sql("UPDATE access_log_head SET last_hash = ?").param(previous).update();
        try {
            mvc.perform(get("/admin/access-log/verify").header("Authorization", tokens.auditor()))
                    .andExpect(jsonPath("$.data.valid").value(false))
                    .andExpect(jsonPath("$.data.first_broken_id").value(edited));
        } finally {
            for (Map<String, Object> row : original) {
                jdbc.sql("UPDATE access_log SET user_id = ?, previous_hash = ?, hash = ? WHERE id = ?")
                        .params(row.get("user_id"), row.get("previous_hash"), row.get("hash"), row.get("id")).update();
            }
            jdbc.sql("UPDATE access_log_head SET last_hash = ?").param(originalHead).update();
        }
        mvc.perform(get("/admin/access-log/verify").header("Authorization", tokens.admin()))
                .andExpect(jsonPath("$.data.valid").value(true));
    }

    /** Reads the encounter's overview {@code times} times as an admin and waits until each read has its entry. */
    private void readTheOverviewAndAwaitTheEntries(int times) throws Exception {
        for (int i = 0; i < times; i++) {
            mvc.perform(get("/encounters/" + admission.encounterId() + "/overview")
                    .header("Authorization", tokens.admin())).andExpect(status().isOk());
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writer.backlog() == 0
                && jdbc.sql("SELECT count(*) FROM access_log WHERE encounter_id = ?").param(admission.encounterId())
                .query(Long.class).single() == times);
    }

    @Test
    void isReadableByAdminsAndAuditorsOnly() throws Exception {
        mvc.perform(get("/patients/" + admission.patientId() + "/access-log")
                .header("Authorization", tokens.doctor(admission.doctorId()))).andExpect(status().isForbidden());
        mvc.perform(get("/patients/" + admission.patientId() + "/access-log")
                .header("Authorization", tokens.patient(admission.patientId()))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/access-log/verify").header("Authorization", tokens.nurse("ICU")))
                .andExpect(status().isForbidden());
    }

    /**
     * Recording is a queue insertion on the request thread; the writer resolves and appends on its own thread. With
     * the table locked against writes, reads are still answered, and their entries are appended, gapless and in a
     * valid chain, once the lock goes.
     */
    @Test
    void aReadIsAnsweredWhileItsEntryCannotYetBeWritten() throws Exception {
        String overview = "/encounters/" + admission.encounterId() + "/overview";
        String token = tokens.admin();
        int reads = 50;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE access_log IN EXCLUSIVE MODE");
            }
            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < reads; i++) {
                    try {
                        mvc.perform(get(overview).header("Authorization", token)).andExpect(status().isOk());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            answered.get(30, TimeUnit.SECONDS);
            assertThat(entriesWritten()).as("entries written while the table was locked").isZero();
            lock.rollback();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writer.backlog() == 0
                && entriesWritten() >= reads);
        List<Long> ids = jdbc.sql("SELECT id FROM access_log ORDER BY id").query(Long.class).list();
        assertThat(ids).as("gapless").containsExactlyElementsOf(
                LongStream.rangeClosed(1, ids.size()).boxed().toList());
        String verify = mvc.perform(get("/admin/access-log/verify").header("Authorization", token))
                .andReturn().getResponse().getContentAsString();
        assertThat((Boolean) JsonPath.read(verify, "$.data.valid")).isTrue();
    }

    private long entriesWritten() {
        return jdbc.sql("SELECT count(*) FROM access_log WHERE encounter_id = ?").param(admission.encounterId())
                .query(Long.class).single();
    }
}
