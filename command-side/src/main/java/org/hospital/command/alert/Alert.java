package org.hospital.command.alert;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertResolved;
import org.hospital.events.RaiseAlert;

/**
 * One alert's life: open, acknowledged (someone took responsibility), resolved (closed for good). Its identifier in
 * the event store is {@code alert-<id>}, so alerts never collide with other aggregates' numeric ids.
 */
@Aggregate
class Alert {

    @AggregateIdentifier
    private String aggregateId;
    private long alertId;
    private long encounterId;
    private long patientId;
    private AlertStatus status;

    Alert() {
        // for Axon
    }

    Alert(long alertId, RaiseAlert request, Instant raisedAt) {
        apply(new AlertRaised(alertId, request.encounterId(), request.patientId(), request.type(),
                request.severity(), request.message(), request.timestamp(), request.readingId(), raisedAt));
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

    @EventSourcingHandler
    void on(AlertRaised event) {
        aggregateId = aggregateId(event.alertId());
        alertId = event.alertId();
        encounterId = event.encounterId();
        patientId = event.patientId();
        status = AlertStatus.OPEN;
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
