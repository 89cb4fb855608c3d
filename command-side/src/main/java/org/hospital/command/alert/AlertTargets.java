package org.hospital.command.alert;

import java.util.Optional;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.platform.axon.PayloadTargets;
import org.springframework.stereotype.Component;

/** Which alert a command is for: the alerting saga's repeats and escalations name it in the record. */
@Component(AlertTargets.BEAN)
class AlertTargets extends PayloadTargets {

    static final String BEAN = "alertTargets";

    AlertTargets() {
        super(payload -> switch (payload) {
            case RecordAlertRepeat repeat -> Optional.of(Alert.aggregateId(repeat.alertId()));
            case EscalateAlert escalate -> Optional.of(Alert.aggregateId(escalate.alertId()));
            default -> Optional.empty();
        });
    }
}
