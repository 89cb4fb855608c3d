package org.hospital.command.alert;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A clinician takes responsibility for an open alert. */
record AcknowledgeAlert(long alertId, long userId, Instant at) {

    @TargetAggregateIdentifier
    String aggregateId() {
        return Alert.aggregateId(alertId);
    }
}
