package org.hospital.alerting.saga;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the alerting side remembers about one encounter, as one immutable value. {@link AlertingPolicy} derives
 * each new value from the last; the saga stores it as its whole state (JSON in {@code alerting_saga.state}). The
 * component names are the stored JSON's field names.
 *
 * @param alerts                 requested, open or acknowledged alerts, by alert type name
 * @param escalations            the escalation deadlines of unacknowledged alerts, by alert id
 * @param spo2Scale              the NEWS2 SpO2 scale (1 or 2) in force for the next reading
 * @param vitals                 the latest trusted value of each NEWS2 parameter
 * @param news2Score             the NEWS2 score last reported to the command side (null before the first)
 * @param news2Risk              the risk band reported with it
 * @param newestReadingId        the reading measured last (by time of measurement)
 * @param newestMeasuredAt       when it was measured
 * @param overdueScheduleId      the OBSERVATIONS_OVERDUE deadline's schedule (null while none is scheduled)
 * @param overdueDueAt           when that deadline fires
 * @param overdueIntervalMinutes the monitoring interval of the newest score's NEWS2 band
 * @param recentReadingIds       the last readings applied, to recognise a redelivery
 */
public record EncounterState(long encounterId, long patientId, Map<String, TrackedAlert> alerts,
                             Map<Long, Escalation> escalations, int spo2Scale, LatestVitals vitals,
                             Integer news2Score, String news2Risk, Long newestReadingId, Instant newestMeasuredAt,
                             String overdueScheduleId, Instant overdueDueAt, Long overdueIntervalMinutes,
                             RecentReadings recentReadingIds) {

    public EncounterState {
        alerts = alerts == null ? Map.of() : Map.copyOf(alerts);
        escalations = escalations == null ? Map.of() : Map.copyOf(escalations);
        spo2Scale = spo2Scale == 2 ? 2 : 1;
        vitals = vitals == null ? LatestVitals.none() : vitals;
        recentReadingIds = recentReadingIds == null ? RecentReadings.none() : recentReadingIds;
    }

    static EncounterState admitted(long encounterId, long patientId) {
        return new EncounterState(encounterId, patientId, null, null, 1, null, null, null, null, null, null, null,
                null, null);
    }

    boolean hasApplied(long readingId) {
        return recentReadingIds.contains(readingId);
    }

    EncounterState remembering(long readingId) {
        return new EncounterState(encounterId, patientId, alerts, escalations, spo2Scale, vitals, news2Score,
                news2Risk, newestReadingId, newestMeasuredAt, overdueScheduleId, overdueDueAt, overdueIntervalMinutes,
                recentReadingIds.with(readingId));
    }

    EncounterState withAlerts(Map<String, TrackedAlert> changed) {
        return new EncounterState(encounterId, patientId, changed, escalations, spo2Scale, vitals, news2Score,
                news2Risk, newestReadingId, newestMeasuredAt, overdueScheduleId, overdueDueAt, overdueIntervalMinutes,
                recentReadingIds);
    }

    EncounterState withAlert(String type, TrackedAlert alert) {
        Map<String, TrackedAlert> changed = new HashMap<>(alerts);
        changed.put(type, alert);
        return withAlerts(changed);
    }

    EncounterState withEscalations(Map<Long, Escalation> changed) {
        return new EncounterState(encounterId, patientId, alerts, changed, spo2Scale, vitals, news2Score, news2Risk,
                newestReadingId, newestMeasuredAt, overdueScheduleId, overdueDueAt, overdueIntervalMinutes,
                recentReadingIds);
    }

    EncounterState withEscalation(long alertId, Escalation escalation) {
        Map<Long, Escalation> changed = new HashMap<>(escalations);
        changed.put(alertId, escalation);
        return withEscalations(changed);
    }

    EncounterState withoutEscalation(long alertId) {
        Map<Long, Escalation> changed = new HashMap<>(escalations);
        changed.remove(alertId);
        return withEscalations(changed);
    }

    EncounterState withSpo2Scale(int scale) {
        return new EncounterState(encounterId, patientId, alerts, escalations, scale, vitals, news2Score, news2Risk,
                newestReadingId, newestMeasuredAt, overdueScheduleId, overdueDueAt, overdueIntervalMinutes,
                recentReadingIds);
    }

    EncounterState withVitals(LatestVitals latest) {
        return new EncounterState(encounterId, patientId, alerts, escalations, spo2Scale, latest, news2Score,
                news2Risk, newestReadingId, newestMeasuredAt, overdueScheduleId, overdueDueAt, overdueIntervalMinutes,
                recentReadingIds);
    }

    EncounterState withReportedNews2(int score, String risk) {
        return new EncounterState(encounterId, patientId, alerts, escalations, spo2Scale, vitals, score, risk,
                newestReadingId, newestMeasuredAt, overdueScheduleId, overdueDueAt, overdueIntervalMinutes,
                recentReadingIds);
    }

    EncounterState withNewestReading(long readingId, Instant measuredAt) {
        return new EncounterState(encounterId, patientId, alerts, escalations, spo2Scale, vitals, news2Score,
                news2Risk, readingId, measuredAt, overdueScheduleId, overdueDueAt, overdueIntervalMinutes,
                recentReadingIds);
    }

    EncounterState withOverdue(String scheduleId, Instant dueAt, Long intervalMinutes) {
        return new EncounterState(encounterId, patientId, alerts, escalations, spo2Scale, vitals, news2Score,
                news2Risk, newestReadingId, newestMeasuredAt, scheduleId, dueAt, intervalMinutes, recentReadingIds);
    }

    /** The escalation deadline of {@code alertId} was scheduled as {@code scheduleId}. */
    EncounterState withEscalationScheduled(long alertId, String scheduleId) {
        Escalation pending = escalations.get(alertId);
        return pending == null ? this
                : withEscalation(alertId, new Escalation(pending.severity(), pending.level(), scheduleId));
    }

    /** The observations-overdue deadline was scheduled as {@code scheduleId}. */
    EncounterState withOverdueScheduled(String scheduleId) {
        return withOverdue(scheduleId, overdueDueAt, overdueIntervalMinutes);
    }
}
