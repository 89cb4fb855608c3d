package org.hospital.command.alert;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.AlertStatus;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;

/**
 * One alert's life: open, acknowledged (someone took responsibility), resolved (closed for good). While unresolved it
 * counts repeated breaches (alarm-fatigue rules, docs/api.md, Alert rules: occurrences, last seen, the higher
 * severity), and while open (nobody acknowledged it) it can be escalated level by level. Every request from the
 * alerting saga is idempotent here: a reading already counted or an escalation level already reached changes nothing.
 * Its identifier in the event store is {@code alert-<id>}, so alerts never collide with other aggregates' numeric ids.
 */
@Aggregate(cache = "aggregateCache", commandTargetResolver = AlertTargets.BEAN)
class Alert {

    @AggregateIdentifier
    private String aggregateId;
    private long alertId;
    private long encounterId;
    private long patientId;
    private AlertStatus status;
    private String severity;
    private int occurrences;
    private int escalationLevel;
    private Instant lastSeenAt;
    private final CountedReadings countedReadings = new CountedReadings();

    Alert() {
        // for Axon
    }

    /** A request from an older producer names no rule: the rule is then the alert type. */
    Alert(long alertId, RaiseAlert request, Instant raisedAt) {
        apply(new AlertRaised(alertId, request.encounterId(), request.patientId(), request.type(),
                request.severity(), request.message(), request.timestamp(), request.readingId(), raisedAt,
                request.rule() != null ? request.rule() : request.type(), request.values(), request.news2()));
    }

    static String aggregateId(long alertId) {
        return "alert-" + alertId;
    }

    /** Acknowledging twice is harmless (the first acknowledgement stands); a resolved alert cannot be acknowledged. */
    @CommandHandler
    AlertStatus handle(AcknowledgeAlert command) {
        if (status == AlertStatus.RESOLVED) {
            throw new AlertAlreadyResolved();
        }
        if (status == AlertStatus.OPEN) {
            apply(new AlertAcknowledged(alertId, encounterId, patientId, command.userId(), command.at()));
        }
        return AlertStatus.ACKNOWLEDGED;
    }

    @CommandHandler
    AlertStatus handle(ResolveAlert command) {
        if (status == AlertStatus.RESOLVED) {
            throw new AlertAlreadyResolved();
        }
        apply(new AlertResolved(alertId, encounterId, patientId, command.userId(), command.reason(), command.at()));
        return AlertStatus.RESOLVED;
    }

    /**
     * Counts a new breach of an unresolved alert, once per reading (the reading that raised the alert counts as
     * already seen). {@code lastSeenAt} never moves back when readings arrive out of order.
     */
    @CommandHandler
    void handle(RecordAlertRepeat request, Clock clock) {
        requireSameEncounter(request.encounterId());
        if (status == AlertStatus.RESOLVED || countedReadings.contains(request.readingId())) {
            return;
        }
        Instant seenAt = request.seenAt() != null ? request.seenAt() : clock.instant();
        Instant latest = lastSeenAt != null && lastSeenAt.isAfter(seenAt) ? lastSeenAt : seenAt;
        apply(new AlertRepeated(alertId, encounterId, patientId, request.readingId(),
                Severities.higher(severity, request.severity()), occurrences + 1, latest));
    }

    /** Escalates an alert nobody has acknowledged yet, to a level it has not reached; anything else changes nothing. */
    @CommandHandler
    void handle(EscalateAlert request, Clock clock) {
        requireSameEncounter(request.encounterId());
        if (status != AlertStatus.OPEN || request.level() <= escalationLevel) {
            return;
        }
        apply(new AlertEscalated(alertId, encounterId, patientId, severity, request.level(), clock.instant()));
    }

    private void requireSameEncounter(long requestedEncounterId) {
        if (requestedEncounterId != encounterId) {
            throw new InvalidAlertCommand("Request names alert " + alertId + " under another encounter");
        }
    }

    @EventSourcingHandler
    void on(AlertRaised event) {
        aggregateId = aggregateId(event.alertId());
        alertId = event.alertId();
        encounterId = event.encounterId();
        patientId = event.patientId();
        status = AlertStatus.OPEN;
        severity = event.severity();
        occurrences = 1;
        escalationLevel = 0;
        lastSeenAt = event.timestamp();
        countedReadings.add(event.readingId());
    }

    @EventSourcingHandler
    void on(AlertRepeated event) {
        severity = event.severity();
        occurrences = event.occurrences();
        lastSeenAt = event.lastSeenAt();
        countedReadings.add(event.readingId());
    }

    @EventSourcingHandler
    void on(AlertEscalated event) {
        severity = event.severity();
        escalationLevel = event.level();
    }

    @EventSourcingHandler
    void on(AlertAcknowledged event) {
        status = AlertStatus.ACKNOWLEDGED;
    }

    @EventSourcingHandler
    void on(AlertResolved event) {
        status = AlertStatus.RESOLVED;
    }
}
