package org.hospital.alerting.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.hospital.alerting.AlertingSettings;
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
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.events.VitalsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The alerting side's clinical decisions, free of Axon and of I/O: an encounter's {@link EncounterState} and one
 * event (or fired deadline) in, a {@link Decision} out. {@link EncounterAlertingSaga} carries the decisions out.
 * <ul>
 *   <li>A reading: the threshold rules and NEWS2; {@code RaiseAlert} for a breached rule whose type has no alert yet.
 *       While an alert of a type is requested, open or acknowledged, a new breach raises no new alert but a
 *       {@code RecordAlertRepeat} (docs/api.md, Alert rules, alarm fatigue); resolving the alert frees the type.
 *       {@code RecordNews2Score} when the score or risk changed ({@link News2Reporting}); the observations-overdue
 *       deadline kept in step ({@link ObservationTiming}).</li>
 *   <li>An alert raised: its escalation deadline by severity; each confirmed escalation arms the next level up to
 *       {@code hospital.alerting.escalation.max-level}; acknowledgement, resolution and discharge cancel it.</li>
 * </ul>
 * Everything requested is a function of the events in the encounter's order, never of the moment of processing: an
 * alert's key is (encounter, type, triggering reading), a repeat is (alert, reading), a score is (encounter, reading),
 * an escalation is (alert, level). A redelivered or replayed event produces the same requests, which the command side
 * drops; a reading already applied is recognised and changes nothing; history ({@link ReadingEvaluator}) updates the
 * state but requests nothing.
 */
@Component
class AlertingPolicy {

    private static final Logger log = LoggerFactory.getLogger(AlertingPolicy.class);

    private final ReadingEvaluator evaluator;
    private final News2Reporting news2;
    private final ObservationTiming observations;
    private final AlertingSettings.EscalationSettings escalation;
    private final Duration unconfirmedAlertTimeout;

    AlertingPolicy(AlertingSettings settings, ReadingEvaluator evaluator) {
        this.evaluator = evaluator;
        this.news2 = new News2Reporting(settings.news2Freshness());
        this.observations = new ObservationTiming(settings.news2ContinuousInterval());
        this.escalation = settings.escalation();
        this.unconfirmedAlertTimeout = settings.unconfirmedAlertTimeout();
    }

    Decision reading(EncounterState state, VitalsRecorded reading) {
        if (state.hasApplied(reading.readingId())) {
            log.debug("Reading {} of encounter {} was already applied; redelivery ignored", reading.readingId(),
                    state.encounterId());
            return Decision.of(state);
        }
        ReadingEvaluator.Evaluation evaluation = evaluator.evaluate(reading);
        EncounterState updated = state.remembering(reading.readingId())
                .withVitals(state.vitals().with(reading, evaluation.excluded()));
        Instant measuredAt = ReadingEvaluator.measuredAt(reading);
        if (measuredAt != null && (updated.newestMeasuredAt() == null
                || !measuredAt.isBefore(updated.newestMeasuredAt()))) {
            updated = updated.withNewestReading(reading.readingId(), measuredAt);
        }
        Decision.Builder next = Decision.from(updated);
        News2Score score = news2.current(updated);
        Duration interval = score == null ? null : observations.interval(score);
        if (!evaluation.historical()) {
            Trigger trigger = new Trigger(reading.readingId(), reading.timestamp(), measuredAt,
                    ReadingEvaluator.receivedAt(reading));
            for (Breach breach : evaluation.breaches()) {
                onBreach(next, breach, trigger);
            }
            if (score != null) {
                for (Breach breach : News2.breaches(score)) {
                    onBreach(next, breach, trigger);
                }
                news2.reportIfChanged(next, score, interval, reading.readingId());
            }
        }
        if (score != null) {
            observations.afterReading(next, interval);
        }
        return next.build();
    }

    Decision spo2ScaleChanged(EncounterState state, Spo2ScaleChanged event) {
        if (event.scale() == 1 || event.scale() == 2) {
            // Applies from the next reading: re-scoring now would report a score for a reading already scored.
            return Decision.of(state.withSpo2Scale(event.scale()));
        }
        log.warn("Encounter {}: SpO2 scale {} is not a NEWS2 scale; keeping scale {}", state.encounterId(),
                event.scale(), state.spo2Scale());
        return Decision.of(state);
    }

    Decision alertRaised(EncounterState state, AlertRaised event) {
        TrackedAlert tracked = state.alerts().get(event.type());
        if (tracked != null && Objects.equals(tracked.alertId(), event.alertId())) {
            return Decision.of(state); // already applied
        }
        Decision.Builder next = Decision.from(state);
        if (tracked != null && tracked.alertId() == null) {
            next.state(state.withAlert(event.type(), tracked.confirmedAs(event.alertId())));
            for (TrackedAlert.PendingRepeat repeat : tracked.pendingRepeats()) {
                next.send(new RecordAlertRepeat(event.alertId(), state.encounterId(), repeat.readingId(),
                        repeat.severity(), repeat.seenAt()));
            }
        } else {
            next.state(state.withAlert(event.type(),
                    TrackedAlert.opened(event.alertId(), event.severity(), event.readingId())));
        }
        Instant raisedAt = event.raisedAt() != null ? event.raisedAt() : event.timestamp();
        scheduleEscalation(next, event.alertId(), event.severity(), 1, raisedAt);
        return next.build();
    }

    Decision alertRepeated(EncounterState state, AlertRepeated event) {
        Map<String, TrackedAlert> alerts = new HashMap<>(state.alerts());
        alerts.replaceAll((type, tracked) -> Objects.equals(tracked.alertId(), event.alertId())
                ? tracked.withSeverity(higher(tracked.severity(), event.severity()))
                : tracked);
        Map<Long, Escalation> escalations = new HashMap<>(state.escalations());
        escalations.computeIfPresent(event.alertId(), (id, pending) ->
                new Escalation(higher(pending.severity(), event.severity()), pending.level(), pending.scheduleId()));
        return Decision.of(state.withAlerts(alerts).withEscalations(escalations));
    }

    Decision alertAcknowledged(EncounterState state, AlertAcknowledged event) {
        Map<String, TrackedAlert> alerts = new HashMap<>(state.alerts());
        alerts.replaceAll((type, tracked) -> Objects.equals(tracked.alertId(), event.alertId())
                ? tracked.acknowledge()
                : tracked);
        Decision.Builder next = Decision.from(state.withAlerts(alerts));
        cancelEscalation(next, event.alertId());
        return next.build();
    }

    /** The command side escalated: arm the next level, from when it escalated ({@code now} if it did not say). */
    Decision alertEscalated(EncounterState state, AlertEscalated event, Instant now) {
        Escalation pending = state.escalations().get(event.alertId());
        if (pending == null) {
            return Decision.of(state); // acknowledged or resolved meanwhile
        }
        Decision.Builder next = Decision.from(state);
        cancelEscalation(next, event.alertId());
        if (event.level() < escalation.maxLevel()) {
            Instant escalatedAt = event.escalatedAt() != null ? event.escalatedAt() : now;
            scheduleEscalation(next, event.alertId(), higher(pending.severity(), event.severity()), event.level() + 1,
                    escalatedAt);
        }
        return next.build();
    }

    Decision alertResolved(EncounterState state, AlertResolved event) {
        Map<String, TrackedAlert> alerts = new HashMap<>(state.alerts());
        alerts.values().removeIf(tracked -> Objects.equals(tracked.alertId(), event.alertId()));
        Decision.Builder next = Decision.from(state.withAlerts(alerts));
        cancelEscalation(next, event.alertId());
        return next.build();
    }

    Decision discharged(EncounterState state) {
        Decision.Builder next = Decision.from(state);
        for (Long alertId : state.escalations().keySet()) {
            cancelEscalation(next, alertId);
        }
        observations.cancel(next);
        next.state(next.state().withAlerts(Map.of()));
        return next.build();
    }

    /**
     * The alert is still unacknowledged at its deadline: ask for the escalation. The next level is armed when the
     * command side confirms with {@code AlertEscalated}, so an escalation it refuses (alert acknowledged meanwhile)
     * arms nothing.
     */
    Decision escalationDue(EncounterState state, EscalationDue due) {
        Escalation pending = state.escalations().get(due.alertId());
        if (pending == null || pending.level() != due.level()) {
            return Decision.of(state); // cancelled or superseded while the deadline was firing
        }
        log.info("Requesting escalation of alert {} of encounter {} to level {}", due.alertId(), state.encounterId(),
                due.level());
        return Decision.from(state)
                .needsCurrentState()
                .send(new EscalateAlert(due.alertId(), state.encounterId(), due.level()))
                .build();
    }

    /** The observations-overdue deadline fired at {@code now}. */
    Decision observationsDue(EncounterState state, ObservationsDue due, Instant now) {
        Decision.Builder next = Decision.from(state);
        observations.onDeadline(next, due, now).ifPresent(overdue -> onBreach(next, overdue.breach(),
                new Trigger(overdue.readingId(), overdue.dueAt(), overdue.dueAt(), overdue.dueAt())));
        return next.build();
    }

    /** Deterministic for the breach, so a redelivered reading asks for the same alert and the command side drops it. */
    static String alertKey(long encounterId, String type, long readingId) {
        return encounterId + ":" + type + ":" + readingId;
    }

    /**
     * What a breach is about: the reading that triggered it, its timestamp (the alert's), when the breach was seen
     * (measured) and when the reading was received.
     */
    private record Trigger(long readingId, Instant timestamp, Instant seenAt, Instant receivedAt) {
    }

    /**
     * One breach: a new alert when its type has none, otherwise a repeat of the existing one (alarm fatigue,
     * docs/api.md, Alert rules). A request never confirmed within {@code unconfirmed-alert-timeout} does not block its
     * type.
     */
    private void onBreach(Decision.Builder next, Breach breach, Trigger trigger) {
        EncounterState state = next.state();
        String type = breach.type().name();
        String severity = breach.severity().wireName();
        TrackedAlert tracked = state.alerts().get(type);
        if (tracked != null && !isUnconfirmedTooLong(tracked, trigger.receivedAt())) {
            if (tracked.readingId() == trigger.readingId()) {
                return; // the reading that opened it
            }
            if (tracked.alertId() != null) {
                next.send(new RecordAlertRepeat(tracked.alertId(), state.encounterId(), trigger.readingId(), severity,
                        trigger.seenAt()));
            } else {
                next.state(state.withAlert(type, tracked.withPendingRepeat(
                        new TrackedAlert.PendingRepeat(trigger.readingId(), severity, trigger.seenAt()))));
            }
            return;
        }
        RaiseAlert command = new RaiseAlert(alertKey(state.encounterId(), type, trigger.readingId()),
                state.encounterId(), state.patientId(), type, severity, breach.message(), trigger.timestamp(),
                trigger.readingId(), breach.rule(), breach.values(),
                breach.news2() == null ? null : News2Reporting.breakdownOf(breach.news2()));
        next.send(command);
        next.state(state.withAlert(type,
                TrackedAlert.requested(command.alertKey(), severity, trigger.readingId(), trigger.receivedAt())));
        log.info("Requesting alert {} for encounter {}", command.alertKey(), state.encounterId());
    }

    /**
     * A request that never turned into {@code AlertRaised} (lost or rejected) must not silence its type for the rest
     * of the stay. Measured between the readings' receipt times, so a replay decides as the live run did.
     */
    private boolean isUnconfirmedTooLong(TrackedAlert tracked, Instant now) {
        if (tracked.alertId() != null || tracked.requestedAt() == null || now == null) {
            return false;
        }
        return Duration.between(tracked.requestedAt(), now).compareTo(unconfirmedAlertTimeout) > 0;
    }

    private void scheduleEscalation(Decision.Builder next, long alertId, String severity, int level, Instant from) {
        cancelEscalation(next, alertId);
        next.deadline(new DeadlineChange.ScheduleEscalation(new EscalationDue(alertId, level),
                from.plus(escalation.after(severity))));
        next.state(next.state().withEscalation(alertId, new Escalation(severity, level, null)));
    }

    private static void cancelEscalation(Decision.Builder next, long alertId) {
        Escalation pending = next.state().escalations().get(alertId);
        if (pending == null) {
            return;
        }
        next.state(next.state().withoutEscalation(alertId));
        if (pending.scheduleId() != null) {
            next.deadline(new DeadlineChange.CancelEscalation(pending.scheduleId()));
        }
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
}
