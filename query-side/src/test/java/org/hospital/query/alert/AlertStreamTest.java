package org.hospital.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.acknowledged;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.resolved;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.PatientAdmitted;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.query.SseClient;
import org.hospital.query.SseClient.Event;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

/** {@code GET /alerts/stream} over a real HTTP connection, with alert changes projected while clients listen. */
class AlertStreamTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:05:00Z");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void sendsAChangeTheCallerMaySeeWithItsIdAndTheAlertAsJson() throws Exception {
        String ward = "ward-" + TestIds.next();
        PatientAdmitted admission = admitted(TestIds.next(), TestIds.next(), TestIds.next(), ward, T0);
        projections.apply(admission);

        try (SseClient nurse = SseClient.open(port, tokens.nurse(TestIds.next(), ward), null)) {
            assertThat(nurse.status()).isEqualTo(200);
            assertThat(nurse.header("Content-Type")).startsWith("text/event-stream");
            AlertRaised alert = alertRaised(TestIds.next(), admission, T0);
            projections.apply(alert);

            Event event = nurse.next(WAIT);
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("alert");
            assertThat(Long.parseLong(event.id())).isPositive();
            JSONAssert.assertEquals("""
                    {"alert_id":%d,"type":"TACHYCARDIA","severity":"high",
                     "message":"High Heart Rate detected: 140 BPM","patient_id":%d,"encounter_id":%d,
                     "timestamp":"2023-10-27T10:05:00Z","status":"open","occurrences":1,
                     "last_seen_at":"2023-10-27T10:05:00Z","escalation_level":0,"change":"raised"}"""
                    .formatted(alert.alertId(), admission.patientId(), admission.encounterId()), event.data(),
                    JSONCompareMode.STRICT);
        }
    }

    @Test
    void aClientReconnectingWithItsLastEventIdReceivesExactlyWhatItMissedInOrderThenLiveChanges() throws Exception {
        long doctorId = TestIds.next();
        long userId = TestIds.next();
        PatientAdmitted mine = admitted(TestIds.next(), TestIds.next(), doctorId, "ICU", T0);
        PatientAdmitted someoneElses = admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
        projections.apply(mine, someoneElses);
        AlertRaised first = alertRaised(TestIds.next(), mine, T0);

        String lastEventId;
        try (SseClient doctor = SseClient.open(port, tokens.doctor(userId, doctorId), null)) {
            projections.apply(first);
            Event event = doctor.next(WAIT);
            assertThat(event).isNotNull();
            lastEventId = event.id();
        }

        AlertRaised second = alertRaised(TestIds.next(), mine, T0.plusSeconds(60));
        projections.apply(acknowledged(first, T0.plusSeconds(30)),
                alertRaised(TestIds.next(), someoneElses, T0.plusSeconds(40)),
                resolved(first, T0.plusSeconds(50)), second);

        try (SseClient doctor = SseClient.open(port, tokens.doctor(userId, doctorId), lastEventId)) {
            assertThat(doctor.status()).isEqualTo(200);
            List<Event> received = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                received.add(doctor.next(WAIT));
            }
            projections.apply(new AlertRepeated(second.alertId(), mine.encounterId(), mine.patientId(),
                    TestIds.next(), "high", 2, T0.plusSeconds(90)));
            received.add(doctor.next(WAIT));

            assertThat(received).doesNotContainNull();
            assertThat(received).extracting(e -> JsonPath.read(e.data(), "$.alert_id") + " "
                            + JsonPath.read(e.data(), "$.change"))
                    .containsExactly(first.alertId() + " acknowledged", first.alertId() + " resolved",
                            second.alertId() + " raised", second.alertId() + " repeated");
            assertThat(received).extracting(e -> Long.parseLong(e.id())).isSorted()
                    .allSatisfy(id -> assertThat(id).isGreaterThan(Long.parseLong(lastEventId)));
        }
    }

    @Test
    void aNurseOfAnotherWardReceivesNothingOfThisWard() throws Exception {
        String thisWard = "ward-" + TestIds.next();
        String otherWard = "ward-" + TestIds.next();
        PatientAdmitted here = admitted(TestIds.next(), TestIds.next(), TestIds.next(), thisWard, T0);
        PatientAdmitted there = admitted(TestIds.next(), TestIds.next(), TestIds.next(), otherWard, T0);
        projections.apply(here, there);

        try (SseClient nurseHere = SseClient.open(port, tokens.nurse(TestIds.next(), thisWard), null);
             SseClient nurseThere = SseClient.open(port, tokens.nurse(TestIds.next(), otherWard), null)) {
            AlertRaised alertHere = alertRaised(TestIds.next(), here, T0);
            projections.apply(alertHere);
            assertThat(nurseHere.next(WAIT)).extracting(e -> JsonPath.read(e.data(), "$.alert_id"))
                    .isEqualTo(Math.toIntExact(alertHere.alertId()));

            AlertRaised alertThere = alertRaised(TestIds.next(), there, T0);
            projections.apply(alertThere);
            // The other ward's nurse was listening all along: her first event is her own ward's alert.
            assertThat(nurseThere.next(WAIT)).extracting(e -> JsonPath.read(e.data(), "$.alert_id"))
                    .isEqualTo(Math.toIntExact(alertThere.alertId()));
        }
    }

    @Test
    void refusesAFourthStreamOfTheSameUserAndAcceptsOneAgainWhenAStreamCloses() throws Exception {
        long userId = TestIds.next();
        String token = tokens.nurse(userId, "ICU");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(SseClient.open(port, token, null));
                assertThat(open.getLast().status()).isEqualTo(200);
            }

            SseClient fourth = SseClient.open(port, token, null);
            assertThat(fourth.status()).isEqualTo(429);
            assertThat(fourth.header("Retry-After")).isEqualTo("5");
            String body = fourth.body();
            assertThat((String) JsonPath.read(body, "$.code")).isEqualTo("RATE_LIMITED");
            assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("error");

            try (SseClient otherUser = SseClient.open(port, tokens.nurse(TestIds.next(), "ICU"), null)) {
                assertThat(otherUser.status()).as("another user is not affected").isEqualTo(200);
            }

            open.removeFirst().close();
            // The server notices the closed connection at its next heartbeat and frees the place.
            Awaitility.await().atMost(WAIT).until(() -> {
                SseClient again = SseClient.open(port, token, null);
                if (again.status() == 200) {
                    open.add(again);
                    return true;
                }
                return false;
            });
        } finally {
            open.forEach(SseClient::close);
        }
    }

    @Test
    void keepsAnIdleConnectionOpenWithHeartbeats() throws Exception {
        try (SseClient admin = SseClient.open(port, tokens.admin(), null)) {
            assertThat(admin.nextComment(WAIT)).isEqualTo("alerts");
            assertThat(admin.nextComment(WAIT)).isEqualTo("heartbeat");
        }
    }

    @Test
    void rejectsALastEventIdThatIsNotOne() throws Exception {
        SseClient client = SseClient.open(port, tokens.admin(), "abc");
        assertThat(client.status()).isEqualTo(400);
        assertThat((String) JsonPath.read(client.body(), "$.details[0].field")).isEqualTo("Last-Event-ID");
    }
}
