package org.hospital.command.alert;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A clinician closes an alert, optionally saying why. */
record ResolveAlert(long alertId, long userId, String reason, Instant at) {

    @TargetAggregateIdentifier
    String aggregateId() {
        return Alert.aggregateId(alertId);
    }
}
