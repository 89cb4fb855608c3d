package org.hospital.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.acknowledged;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.resolved;

import java.time.Instant;
import java.util.Map;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertStatus;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientTransferred;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.testing.TestIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AlertProjectionTest extends QuerySideIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-10-27T10:05:00Z");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AlertViews views;

    @Test
    void opensARaisedAlertWithOneOccurrenceSeenAtTheReadingsTime() {
        AlertRaised alert = alertRaised(TestIds.next(), admission(), T0);

        projections.apply(alert);

        assertThat(views.of(alert.encounterId(), null)).singleElement()
                .isEqualTo(new AlertView(alert.alertId(), "TACHYCARDIA", "high", "High Heart Rate detected: 140 BPM",
                        T0, "open", false, 1, T0));
    }

    @Test
    void aRedeliveredRaiseChangesNeitherStatusNorOccurrences() {
        AlertRaised alert = alertRaised(TestIds.next(), admission(), T0);
        projections.apply(alert, acknowledged(alert, T0.plusSeconds(60)));
        Map<String, Object> before = row(alert.alertId());

        projections.apply(alert);

        assertThat(row(alert.alertId())).isEqualTo(before)
                .containsEntry("status", "acknowledged")
                .containsEntry("occurrences", 1);
    }

    @Test
    void aLateAcknowledgementDoesNotReopenAResolvedAlert() {
        AlertRaised alert = alertRaised(TestIds.next(), admission(), T0);
        projections.apply(alert, acknowledged(alert, T0.plusSeconds(60)), resolved(alert, T0.plusSeconds(120)));
        Map<String, Object> before = row(alert.alertId());

        projections.apply(acknowledged(alert, T0.plusSeconds(60)), resolved(alert, T0.plusSeconds(120)));

        assertThat(row(alert.alertId())).isEqualTo(before).containsEntry("status", "resolved");
    }

    @Test
    void countsOnlyUnresolvedAlerts() {
        PatientAdmitted admission = admission();
        AlertRaised open = alertRaised(TestIds.next(), admission, T0);
        AlertRaised acknowledged = alertRaised(TestIds.next(), admission, T0.plusSeconds(1));
        AlertRaised resolved = alertRaised(TestIds.next(), admission, T0.plusSeconds(2));

        projections.apply(open, acknowledged, acknowledged(acknowledged, T0.plusSeconds(3)), resolved,
                resolved(resolved, T0.plusSeconds(4)));

        assertThat(views.unresolvedCount(admission.encounterId())).isEqualTo(2);
        assertThat(views.of(admission.encounterId(), AlertStatus.RESOLVED)).extracting(AlertView::id)
                .containsExactly(resolved.alertId());
        assertThat(views.of(admission.encounterId(), null)).extracting(AlertView::id)
                .containsExactly(resolved.alertId(), acknowledged.alertId(), open.alertId());
    }

    @Test
    void aRepeatBumpsOccurrencesAndLastSeenAndRaisesButNeverLowersSeverity() {
        AlertRaised alert = alertRaised(TestIds.next(), admission(), T0);
        projections.apply(alert, acknowledged(alert, T0.plusSeconds(30)));

        projections.apply(repeated(alert, 2, "critical", T0.plusSeconds(60)),
                repeated(alert, 3, "medium", T0.plusSeconds(120)));

        assertThat(row(alert.alertId())).containsEntry("occurrences", 3)
                .containsEntry("severity", "critical")
                .containsEntry("status", "acknowledged");
        assertThat(views.of(alert.encounterId(), null)).singleElement()
                .extracting(AlertView::lastSeenAt).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void aRedeliveredOrOlderRepeatChangesNothing() {
        AlertRaised alert = alertRaised(TestIds.next(), admission(), T0);
        projections.apply(alert, repeated(alert, 2, "high", T0.plusSeconds(60)),
                repeated(alert, 3, "high", T0.plusSeconds(120)));
        Map<String, Object> before = row(alert.alertId());

        projections.apply(repeated(alert, 2, "critical", T0.plusSeconds(60)),
                repeated(alert, 3, "high", T0.plusSeconds(120)));

        assertThat(row(alert.alertId())).isEqualTo(before);
    }

    @Test
    void anEscalationRecordsItsLevelAndLeavesTheStatusOpen() {
        AlertRaised alert = alertRaised(TestIds.next(), admission(), T0);

        projections.apply(alert, escalated(alert, 1, T0.plusSeconds(900)), escalated(alert, 1, T0.plusSeconds(900)));

        assertThat(row(alert.alertId())).containsEntry("escalation_level", 1).containsEntry("status", "open");
        assertThat(views.unresolvedCount(alert.encounterId())).isEqualTo(1);
    }

    @Test
    void recordsEachChangeOnceWithTheAlertAsItLeftItAndTheWardOfThatMoment() {
        PatientAdmitted admission = admission();
        AlertRaised alert = alertRaised(TestIds.next(), admission, T0);
        Object[] history = {admission, alert, repeated(alert, 2, "critical", T0.plusSeconds(60)),
                escalated(alert, 1, T0.plusSeconds(300)), acknowledged(alert, T0.plusSeconds(400)),
                new PatientTransferred(admission.encounterId(), admission.patientId(), admission.roomId(),
                        TestIds.next(), "201", "General", T0.plusSeconds(450)),
                resolved(alert, T0.plusSeconds(500))};

        projections.apply(history);
        projections.apply(history);

        assertThat(jdbc.sql("""
                        SELECT change, status, occurrences, severity, escalation_level, ward
                        FROM view_alert_changes WHERE alert_id = ? ORDER BY change_id""")
                .param(alert.alertId()).query().listOfRows())
                .extracting(r -> r.get("change") + " " + r.get("status") + " " + r.get("occurrences") + " "
                        + r.get("severity") + " " + r.get("escalation_level") + " " + r.get("ward"))
                .containsExactly(
                        "raised open 1 high 0 ICU",
                        "repeated open 2 critical 0 ICU",
                        "escalated open 2 critical 1 ICU",
                        "acknowledged acknowledged 2 critical 1 ICU",
                        "resolved resolved 2 critical 1 General");
    }

    private static AlertRepeated repeated(AlertRaised alert, int occurrences, String severity, Instant at) {
        return new AlertRepeated(alert.alertId(), alert.encounterId(), alert.patientId(), TestIds.next(), severity,
                occurrences, at);
    }

    private static AlertEscalated escalated(AlertRaised alert, int level, Instant at) {
        return new AlertEscalated(alert.alertId(), alert.encounterId(), alert.patientId(), alert.severity(), level, at);
    }

    private static PatientAdmitted admission() {
        return admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
    }

    private Map<String, Object> row(long alertId) {
        return jdbc.sql("SELECT * FROM view_alerts WHERE alert_id = ?").param(alertId).query().singleRow();
    }
}
