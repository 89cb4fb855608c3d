package org.hospital.query.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hospital.query.HospitalEvents.acknowledged;
import static org.hospital.query.HospitalEvents.admitted;
import static org.hospital.query.HospitalEvents.alertRaised;
import static org.hospital.query.HospitalEvents.resolved;

import java.time.Instant;
import java.util.Map;
import org.hospital.events.AlertRaised;
import org.hospital.events.PatientAdmitted;
import org.hospital.query.QuerySideIntegrationTest;
import org.hospital.query.TestIds;
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

    private static PatientAdmitted admission() {
        return admitted(TestIds.next(), TestIds.next(), TestIds.next(), "ICU", T0);
    }

    private Map<String, Object> row(long alertId) {
        return jdbc.sql("SELECT * FROM view_alerts WHERE alert_id = ?").param(alertId).query().singleRow();
    }
}
