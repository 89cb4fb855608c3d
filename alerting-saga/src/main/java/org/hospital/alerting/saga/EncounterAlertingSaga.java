package org.hospital.alerting.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.hospital.alerting.AlertingSettings;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.alerting.rules.Breach;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertResolved;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.RaiseAlert;
import org.hospital.events.VitalsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One saga per encounter, from admission to discharge. It evaluates every reading and requests an alert for each
 * breached rule, unless an alert of that type is already requested or open: while an alert of a type is open or
 * acknowledged, a new breach of it raises no new alert (CONTRACT §6, alarm-fatigue rules). Resolving the alert frees
 * the type.
 * <p>
 * Axon associates every event by its payload's {@code encounterId}: Axon's property access falls back from
 * {@code getEncounterId()} to the record accessor {@code encounterId()} (UniformPropertyAccessStrategy).
 * <p>
 * The state (fields with getters and setters) is stored as JSON by Axon's general Jackson serializer. Public because
 * Axon instantiates and serialises it by reflection.
 */
@Saga
@ProcessingGroup(AlertingSideConfiguration.PROCESSING_GROUP)
public class EncounterAlertingSaga {

    private static final Logger log = LoggerFactory.getLogger(EncounterAlertingSaga.class);
    private static final String ASSOCIATION = "encounterId";

    private long encounterId;
    private long patientId;
    /** Requested or open alerts by alert type name. */
    private Map<String, TrackedAlert> alerts = new HashMap<>();

    // Sagas are created and deserialised by Axon, not by Spring, so collaborators cannot come through a constructor:
    // Axon's resource injector sets these @Autowired fields after creation and after every load. Transient keeps them
    // out of the stored state.
    @Autowired
    private transient AlertCommandSender alertCommandSender;
    @Autowired
    private transient ReadingEvaluator readingEvaluator;
    @Autowired
    private transient AlertingSettings settings;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(PatientAdmitted event) {
        this.encounterId = event.encounterId();
        this.patientId = event.patientId();
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(VitalsRecorded reading) {
        for (Breach breach : readingEvaluator.breachesOf(reading)) {
            String type = breach.type().name();
            TrackedAlert tracked = alerts.get(type);
            if (tracked != null && !isUnconfirmedTooLong(tracked, reading)) {
                continue;
            }
            RaiseAlert command = new RaiseAlert(alertKey(reading, type), encounterId, reading.patientId(), type,
                    breach.severity().wireName(), breach.message(), reading.timestamp(), reading.readingId());
            alertCommandSender.send(command);
            alerts.put(type, TrackedAlert.requested(command.alertKey(), command.severity(), reading.readingId(),
                    receivedAt(reading)));
            log.info("Requested alert {} for encounter {}", command.alertKey(), encounterId);
        }
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertRaised event) {
        TrackedAlert tracked = alerts.get(event.type());
        alerts.put(event.type(), tracked == null
                ? TrackedAlert.opened(event.alertId(), event.severity(), event.readingId())
                : tracked.confirmedAs(event.alertId()));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertResolved event) {
        alerts.values().removeIf(tracked -> Objects.equals(tracked.alertId(), event.alertId()));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(PatientDischarged event) {
        alerts.clear();
    }

    /** Deterministic for the breach, so a redelivered reading asks for the same alert and the command side drops it. */
    static String alertKey(VitalsRecorded reading, String type) {
        return reading.encounterId() + ":" + type + ":" + reading.readingId();
    }

    /**
     * A request that never turned into {@code AlertRaised} (lost or rejected) must not silence its type for the rest
     * of the stay. Measured between the readings' receipt times, so a replay decides as the live run did.
     */
    private boolean isUnconfirmedTooLong(TrackedAlert tracked, VitalsRecorded reading) {
        Instant now = receivedAt(reading);
        if (tracked.alertId() != null || tracked.requestedAt() == null || now == null) {
            return false;
        }
        return Duration.between(tracked.requestedAt(), now).compareTo(settings.unconfirmedAlertTimeout()) > 0;
    }

    private static Instant receivedAt(VitalsRecorded reading) {
        return reading.receivedAt() != null ? reading.receivedAt() : reading.timestamp();
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
}
