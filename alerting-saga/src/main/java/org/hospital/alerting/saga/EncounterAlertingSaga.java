package org.hospital.alerting.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.hospital.alerting.AlertingSettings;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.alerting.rules.AlertType;
import org.hospital.alerting.rules.Breach;
import org.hospital.alerting.rules.News2;
import org.hospital.alerting.rules.News2Score;
import org.hospital.alerting.rules.Severity;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.EscalateAlert;
import org.hospital.events.News2Breakdown;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.events.VitalsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One saga per encounter, from admission to discharge. For every reading it applies the threshold rules and NEWS2
 * (over the latest fresh value of each parameter), and asks the command side, over Kafka, to act:
 * <ul>
 *   <li>{@code RaiseAlert} for a breached rule whose type has no alert yet. While an alert of a type is requested,
 *       open or acknowledged, a new breach raises no new alert but sends {@code RecordAlertRepeat} (docs/api.md, Alert
 * rules,
 *       alarm-fatigue rules); resolving the alert frees the type.</li>
 *   <li>{@code RecordNews2Score} when the NEWS2 score or risk changed.</li>
 *   <li>{@code EscalateAlert} when an alert stays unacknowledged past its severity's deadline, then again after the
 *       same wait for each further level up to {@code hospital.alerting.escalation.max-level}; acknowledgement,
 *       resolution and discharge cancel it.</li>
 *   <li>{@code RaiseAlert} of type OBSERVATIONS_OVERDUE when no reading follows the last one within the monitoring
 *       interval of its NEWS2 band (RCP 2017 chart 4); each reading replaces that deadline.</li>
 * </ul>
 * <b>Exactly-once effect.</b> Everything sent is a function of the events in the encounter's order, never of the
 * moment of processing: an alert's key is (encounter, type, triggering reading), a repeat is (alert, reading), a score
 * is (encounter, reading), an escalation is (alert, level). A redelivered or replayed event therefore produces the
 * same requests, which the command side drops; readings already applied are recognised and skipped, and history
 * ({@link ReadingEvaluator}: received before the side first started, or measured long before it was sent) updates the
 * state but sends nothing. The state, the deadlines (db-scheduler in
 * the same database) and the processor's Kafka position are committed in one transaction.
 * <p>
 * <b>Partial NEWS2.</b> RCP 2017 defines NEWS2 on a complete set of the seven parameters. A bedside monitor sends
 * pulse, SpO2, respiration and blood pressure every few seconds while temperature and consciousness come from the
 * nurse's rounds, so a complete fresh set is often not available. Each sub-score is at least 0, so the sum over the
 * fresh parameters is a lower bound of the full score: this saga scores what is fresh, raises the NEWS2 alerts when
 * even that lower bound reaches a band (never a false alarm from missing data), says in the alert's message which
 * parameters were missing, and reports the score with the missing ones null in the breakdown. Missing parameters
 * cannot hide a deterioration forever: OBSERVATIONS_OVERDUE fires when readings stop.
 * <p>
 * Axon associates every event by its payload's {@code encounterId}. The state (fields with getters and setters) is
 * stored as JSON by Axon's general Jackson serializer. Public because Axon instantiates and serialises it by
 * reflection.
 */
@Saga
@ProcessingGroup(AlertingSideConfiguration.PROCESSING_GROUP)
public class EncounterAlertingSaga {

    static final String ESCALATION_DEADLINE = "alert-escalation";
    static final String OVERDUE_DEADLINE = "observations-overdue";
    /** Reading ids remembered to recognise a redelivered reading; older ones are still safe (keys repeat). */
    static final int REMEMBERED_READINGS = 64;

    private static final Logger log = LoggerFactory.getLogger(EncounterAlertingSaga.class);
    private static final String ASSOCIATION = "encounterId";

    private long encounterId;
    private long patientId;
    /** Requested, open or acknowledged alerts by alert type name. */
    private Map<String, TrackedAlert> alerts = new HashMap<>();
    /** Escalation deadlines of unacknowledged alerts, by alert id. */
    private Map<Long, Escalation> escalations = new HashMap<>();
    private int spo2Scale = 1;
    private LatestVitals vitals = LatestVitals.none();
    /** The NEWS2 score and risk last sent to the command side (null before the first). */
    private Integer news2Score;
    private String news2Risk;
    /** The reading measured last (by time of measurement) and when. */
    private Long newestReadingId;
    private Instant newestMeasuredAt;
    private String overdueScheduleId;
    /** When the scheduled OBSERVATIONS_OVERDUE deadline fires, and the monitoring interval of the newest score. */
    private Instant overdueDueAt;
    private Long overdueIntervalMinutes;
    private List<Long> recentReadingIds = new ArrayList<>();

    // Sagas are created and deserialised by Axon, not by Spring, so collaborators cannot come through a constructor:
    // Axon's resource injector sets these @Autowired fields after creation and after every load. Transient keeps them
    // out of the stored state.
    @Autowired
    private transient AlertCommandSender alertCommandSender;
    @Autowired
    private transient ReadingEvaluator readingEvaluator;
    @Autowired
    private transient AlertingSettings settings;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient ProcessingProgress processingProgress;
    @Autowired
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(PatientAdmitted event) {
        this.encounterId = event.encounterId();
        this.patientId = event.patientId();
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(VitalsRecorded reading) {
        if (recentReadingIds.contains(reading.readingId())) {
            log.debug("Reading {} of encounter {} was already applied; redelivery ignored", reading.readingId(),
                    encounterId);
            return;
        }
        remember(reading.readingId());
        ReadingEvaluator.Evaluation evaluation = readingEvaluator.evaluate(reading);
        vitals = vitals.with(reading, evaluation.excluded());
        Instant measuredAt = ReadingEvaluator.measuredAt(reading);
        if (measuredAt != null && (newestMeasuredAt == null || !measuredAt.isBefore(newestMeasuredAt))) {
            newestMeasuredAt = measuredAt;
            newestReadingId = reading.readingId();
        }
        News2Score score = currentNews2();
        if (!evaluation.historical()) {
            for (Breach breach : evaluation.breaches()) {
                onBreach(breach, reading.readingId(), reading.timestamp(), measuredAt, receivedAt(reading));
            }
            if (score != null) {
                for (Breach breach : News2.breaches(score)) {
                    onBreach(breach, reading.readingId(), reading.timestamp(), measuredAt, receivedAt(reading));
                }
                reportIfChanged(score, reading.readingId());
            }
        }
        if (score != null) {
            scheduleObservationsDue(score);
        }
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(Spo2ScaleChanged event) {
        if (event.scale() == 1 || event.scale() == 2) {
            // Applies from the next reading: re-scoring now would report a score for a reading already scored.
            spo2Scale = event.scale();
        } else {
            log.warn("Encounter {}: SpO2 scale {} is not a NEWS2 scale; keeping scale {}", encounterId,
                    event.scale(), spo2Scale);
        }
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertRaised event) {
        TrackedAlert tracked = alerts.get(event.type());
        if (tracked != null && Objects.equals(tracked.alertId(), event.alertId())) {
            return; // already applied
        }
        if (tracked != null && tracked.alertId() == null) {
            alerts.put(event.type(), tracked.confirmedAs(event.alertId()));
            for (TrackedAlert.PendingRepeat repeat : tracked.pendingRepeats()) {
                alertCommandSender.send(new RecordAlertRepeat(event.alertId(), encounterId, repeat.readingId(),
                        repeat.severity(), repeat.seenAt()));
            }
        } else {
            alerts.put(event.type(), TrackedAlert.opened(event.alertId(), event.severity(), event.readingId()));
        }
        Instant raisedAt = event.raisedAt() != null ? event.raisedAt() : event.timestamp();
        scheduleEscalation(event.alertId(), event.severity(), 1, raisedAt);
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertRepeated event) {
        alerts.replaceAll((type, tracked) -> Objects.equals(tracked.alertId(), event.alertId())
                ? tracked.withSeverity(higher(tracked.severity(), event.severity()))
                : tracked);
        escalations.computeIfPresent(event.alertId(), (id, escalation) ->
                new Escalation(higher(escalation.severity(), event.severity()), escalation.level(),
                        escalation.scheduleId()));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertAcknowledged event) {
        alerts.replaceAll((type, tracked) -> Objects.equals(tracked.alertId(), event.alertId())
                ? tracked.acknowledge()
                : tracked);
        cancelEscalation(event.alertId());
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertEscalated event) {
        Escalation escalation = escalations.get(event.alertId());
        if (escalation == null) {
            return; // acknowledged or resolved meanwhile
        }
        cancelEscalation(event.alertId());
        if (event.level() < settings.escalation().maxLevel()) {
            Instant escalatedAt = event.escalatedAt() != null ? event.escalatedAt() : clock.instant();
            scheduleEscalation(event.alertId(), higher(escalation.severity(), event.severity()), event.level() + 1,
                    escalatedAt);
        }
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertResolved event) {
        alerts.values().removeIf(tracked -> Objects.equals(tracked.alertId(), event.alertId()));
        cancelEscalation(event.alertId());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(PatientDischarged event) {
        for (Long alertId : List.copyOf(escalations.keySet())) {
            cancelEscalation(alertId);
        }
        if (overdueScheduleId != null) {
            deadlineManager.cancelSchedule(OVERDUE_DEADLINE, overdueScheduleId);
            overdueScheduleId = null;
            overdueDueAt = null;
        }
        alerts.clear();
    }

    /**
     * The alert is still unacknowledged at its deadline: ask for the escalation. The next level is armed when the
     * command side confirms with {@code AlertEscalated}, so an escalation it refuses (alert acknowledged meanwhile)
     * arms nothing.
     */
    @DeadlineHandler(deadlineName = ESCALATION_DEADLINE)
    public void on(EscalationDue due) {
        Escalation escalation = escalations.get(due.alertId());
        if (escalation == null || escalation.level() != due.level()) {
            return; // cancelled or superseded while the deadline was firing
        }
        requireCaughtUp(ESCALATION_DEADLINE);
        alertCommandSender.send(new EscalateAlert(due.alertId(), encounterId, due.level()));
        log.info("Requested escalation of alert {} of encounter {} to level {}", due.alertId(), encounterId,
                due.level());
    }

    /** No reading followed reading {@code due.readingId()} within its NEWS2 band's monitoring interval. */
    @DeadlineHandler(deadlineName = OVERDUE_DEADLINE)
    public void on(ObservationsDue due) {
        if (newestMeasuredAt == null) {
            return;
        }
        if (overdueIntervalMinutes == null) {
            overdueIntervalMinutes = due.intervalMinutes(); // state stored before the interval was kept in it
        }
        Instant dueAt = newestMeasuredAt.plus(Duration.ofMinutes(overdueIntervalMinutes));
        if (dueAt.isAfter(clock.instant())) {
            // Readings came in time: wait for the newest one's interval. The schedule running now is deleted by
            // db-scheduler when this handler returns, and cancelling it meanwhile would fail: only its successor is
            // scheduled.
            overdueScheduleId = null;
            rescheduleObservationsDue(dueAt);
            return;
        }
        requireCaughtUp(OVERDUE_DEADLINE);
        overdueScheduleId = null;
        overdueDueAt = null;
        long interval = overdueIntervalMinutes;
        long minutes = Math.max(interval, Duration.between(newestMeasuredAt, clock.instant()).toMinutes());
        Breach breach = new Breach(AlertType.OBSERVATIONS_OVERDUE,
                "No observations for " + minutes + " minutes (NEWS2 band requires every " + interval + " minutes)",
                "OBSERVATIONS_OVERDUE: no reading within the NEWS2 monitoring interval (RCP 2017 chart 4)",
                Map.of("minutes_since_last_reading", (double) minutes, "required_interval_minutes", (double) interval));
        onBreach(breach, newestReadingId, dueAt, dueAt, dueAt);
    }

    /**
     * One breach: a new alert when its type has none, otherwise a repeat of the existing one (alarm fatigue,
     * docs/api.md, Alert rules). A request never confirmed within {@code unconfirmed-alert-timeout} does not block its
     * type.
     */
    private void onBreach(Breach breach, long readingId, Instant timestamp, Instant seenAt, Instant receivedAt) {
        String type = breach.type().name();
        String severity = breach.severity().wireName();
        TrackedAlert tracked = alerts.get(type);
        if (tracked != null && !isUnconfirmedTooLong(tracked, receivedAt)) {
            if (tracked.readingId() == readingId) {
                return; // the reading that opened it
            }
            if (tracked.alertId() != null) {
                alertCommandSender.send(new RecordAlertRepeat(tracked.alertId(), encounterId, readingId, severity,
                        seenAt));
            } else {
                alerts.put(type, tracked.withPendingRepeat(new TrackedAlert.PendingRepeat(readingId, severity,
                        seenAt)));
            }
            return;
        }
        RaiseAlert command = new RaiseAlert(alertKey(encounterId, type, readingId), encounterId, patientId, type,
                severity, breach.message(), timestamp, readingId, breach.rule(), breach.values(),
                breach.news2() == null ? null : breakdownOf(breach.news2()));
        alertCommandSender.send(command);
        alerts.put(type, TrackedAlert.requested(command.alertKey(), severity, readingId, receivedAt));
        log.info("Requested alert {} for encounter {}", command.alertKey(), encounterId);
    }

    /** Deterministic for the breach, so a redelivered reading asks for the same alert and the command side drops it. */
    static String alertKey(long encounterId, String type, long readingId) {
        return encounterId + ":" + type + ":" + readingId;
    }

    static String alertKey(VitalsRecorded reading, String type) {
        return alertKey(reading.encounterId(), type, reading.readingId());
    }

    /** NEWS2 over the latest fresh values, as of the newest measurement; null before any reading. */
    private News2Score currentNews2() {
        if (newestMeasuredAt == null) {
            return null;
        }
        return News2.score(vitals.freshAt(newestMeasuredAt, settings.news2Freshness(), spo2Scale));
    }

    private void reportIfChanged(News2Score score, long readingId) {
        String risk = score.risk().wireName();
        if (Objects.equals(news2Score, score.aggregate()) && Objects.equals(news2Risk, risk)) {
            return;
        }
        alertCommandSender.send(new RecordNews2Score(encounterId, readingId, score.aggregate(), risk,
                breakdownOf(score)));
        news2Score = score.aggregate();
        news2Risk = risk;
    }

    /**
     * Keeps the OBSERVATIONS_OVERDUE deadline at or before one monitoring interval (RCP 2017 chart 4, by the current
     * NEWS2 band) after the newest measurement. A reading that moves the due time later leaves the deadline where it
     * is (it re-checks when it fires, {@link #on(ObservationsDue)}): rescheduling on every reading cost two database
     * round trips per reading on the alerting processor. A reading that makes it due sooner moves it at once.
     */
    private void scheduleObservationsDue(News2Score score) {
        Duration interval = News2.monitoringInterval(score, settings.news2ContinuousInterval());
        overdueIntervalMinutes = interval.toMinutes();
        Instant due = newestMeasuredAt.plus(interval);
        if (overdueScheduleId == null || overdueDueAt == null || due.isBefore(overdueDueAt)) {
            rescheduleObservationsDue(due);
        }
    }

    private void rescheduleObservationsDue(Instant due) {
        if (overdueScheduleId != null) {
            deadlineManager.cancelSchedule(OVERDUE_DEADLINE, overdueScheduleId);
        }
        overdueDueAt = due;
        overdueScheduleId = deadlineManager.schedule(due, OVERDUE_DEADLINE,
                new ObservationsDue(newestReadingId, overdueIntervalMinutes));
    }

    private void scheduleEscalation(long alertId, String severity, int level, Instant from) {
        cancelEscalation(alertId);
        Instant due = from.plus(settings.escalation().after(severity));
        String scheduleId = deadlineManager.schedule(due, ESCALATION_DEADLINE, new EscalationDue(alertId, level));
        escalations.put(alertId, new Escalation(severity, level, scheduleId));
    }

    private void cancelEscalation(long alertId) {
        Escalation escalation = escalations.remove(alertId);
        if (escalation != null && escalation.scheduleId() != null) {
            deadlineManager.cancelSchedule(ESCALATION_DEADLINE, escalation.scheduleId());
        }
    }

    private void requireCaughtUp(String deadline) {
        if (processingProgress != null && !processingProgress.isCaughtUp()) {
            throw new ProcessingBehind(deadline);
        }
    }

    private void remember(long readingId) {
        recentReadingIds.add(readingId);
        if (recentReadingIds.size() > REMEMBERED_READINGS) {
            recentReadingIds.removeFirst();
        }
    }

    /**
     * A request that never turned into {@code AlertRaised} (lost or rejected) must not silence its type for the rest
     * of the stay. Measured between the readings' receipt times, so a replay decides as the live run did.
     */
    private boolean isUnconfirmedTooLong(TrackedAlert tracked, Instant now) {
        if (tracked.alertId() != null || tracked.requestedAt() == null || now == null) {
            return false;
        }
        return Duration.between(tracked.requestedAt(), now).compareTo(settings.unconfirmedAlertTimeout()) > 0;
    }

    private static Instant receivedAt(VitalsRecorded reading) {
        return reading.receivedAt() != null ? reading.receivedAt() : reading.timestamp();
    }

    private static String higher(String current, String other) {
        if (current == null) {
            return other;
        }
        if (other == null) {
            return current;
        }
        return Severity.ofWireName(other).compareTo(Severity.ofWireName(current)) > 0 ? other : current;
    }

    static News2Breakdown breakdownOf(News2Score score) {
        return new News2Breakdown(score.respirationRate(), score.spo2(), score.airOrOxygen(), score.systolicBp(),
                score.pulse(), score.consciousness(), score.temperature(), score.spo2Scale());
    }

    public long getEncounterId() {
        return encounterId;
    }

    public void setEncounterId(long encounterId) {
        this.encounterId = encounterId;
    }

    public long getPatientId() {
        return patientId;
    }

    public void setPatientId(long patientId) {
        this.patientId = patientId;
    }

    public Map<String, TrackedAlert> getAlerts() {
        return alerts;
    }

    public void setAlerts(Map<String, TrackedAlert> alerts) {
        this.alerts = alerts == null ? new HashMap<>() : new HashMap<>(alerts);
    }

    public Map<Long, Escalation> getEscalations() {
        return escalations;
    }

    public void setEscalations(Map<Long, Escalation> escalations) {
        this.escalations = escalations == null ? new HashMap<>() : new HashMap<>(escalations);
    }

    public int getSpo2Scale() {
        return spo2Scale;
    }

    public void setSpo2Scale(int spo2Scale) {
        this.spo2Scale = spo2Scale == 2 ? 2 : 1;
    }

    public LatestVitals getVitals() {
        return vitals;
    }

    public void setVitals(LatestVitals vitals) {
        this.vitals = vitals == null ? LatestVitals.none() : vitals;
    }

    public Integer getNews2Score() {
        return news2Score;
    }

    public void setNews2Score(Integer news2Score) {
        this.news2Score = news2Score;
    }

    public String getNews2Risk() {
        return news2Risk;
    }

    public void setNews2Risk(String news2Risk) {
        this.news2Risk = news2Risk;
    }

    public Long getNewestReadingId() {
        return newestReadingId;
    }

    public void setNewestReadingId(Long newestReadingId) {
        this.newestReadingId = newestReadingId;
    }

    public Instant getNewestMeasuredAt() {
        return newestMeasuredAt;
    }

    public void setNewestMeasuredAt(Instant newestMeasuredAt) {
        this.newestMeasuredAt = newestMeasuredAt;
    }

    public String getOverdueScheduleId() {
        return overdueScheduleId;
    }

    public void setOverdueScheduleId(String overdueScheduleId) {
        this.overdueScheduleId = overdueScheduleId;
    }

    public Instant getOverdueDueAt() {
        return overdueDueAt;
    }

    public void setOverdueDueAt(Instant overdueDueAt) {
        this.overdueDueAt = overdueDueAt;
    }

    public Long getOverdueIntervalMinutes() {
        return overdueIntervalMinutes;
    }

    public void setOverdueIntervalMinutes(Long overdueIntervalMinutes) {
        this.overdueIntervalMinutes = overdueIntervalMinutes;
    }

    public List<Long> getRecentReadingIds() {
        return recentReadingIds;
    }

    public void setRecentReadingIds(List<Long> recentReadingIds) {
        this.recentReadingIds = recentReadingIds == null ? new ArrayList<>() : new ArrayList<>(recentReadingIds);
    }
}
