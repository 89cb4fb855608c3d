package org.hospital.alerting.saga;

import java.time.Clock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.hospital.alerting.AlertingSideConfiguration;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.events.VitalsRecorded;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One saga per encounter, from admission to discharge: Axon's handle on the encounter's {@link EncounterState}. Every
 * event and fired deadline goes to {@link AlertingPolicy}, which decides; this class carries the decision out: it asks
 * the command side over Kafka ({@link AlertCommandSender}), schedules and cancels deadlines (db-scheduler, in the same
 * database) and keeps the new state. The state, the deadlines and the processor's Kafka position are committed in one
 * transaction ({@link EncounterSagaStore}).
 * <p>
 * Axon associates every event by its payload's {@code encounterId}. Registered with Axon in
 * {@code SagaStoreConfiguration}, with its own repository ({@link EncounterSagaRepository}). Public with a getter and
 * setter for its one state value because Axon instantiates and serialises it by reflection.
 */
@ProcessingGroup(AlertingSideConfiguration.PROCESSING_GROUP)
public class EncounterAlertingSaga {

    static final String ESCALATION_DEADLINE = "alert-escalation";
    static final String OVERDUE_DEADLINE = "observations-overdue";

    private static final String ASSOCIATION = "encounterId";

    private EncounterState state;

    // Sagas are created and deserialised by Axon, not by Spring, so collaborators cannot come through a constructor:
    // Axon's resource injector sets these @Autowired fields after creation and after every load. Transient keeps them
    // out of the stored state.
    @Autowired
    private transient AlertingPolicy policy;
    @Autowired
    private transient AlertCommandSender alertCommandSender;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient ProcessingProgress processingProgress;
    @Autowired
    private transient Clock clock;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(PatientAdmitted event) {
        state = EncounterState.admitted(event.encounterId(), event.patientId());
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(VitalsRecorded reading) {
        carryOut(policy.reading(state, reading));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(Spo2ScaleChanged event) {
        carryOut(policy.spo2ScaleChanged(state, event));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertRaised event) {
        carryOut(policy.alertRaised(state, event));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertRepeated event) {
        carryOut(policy.alertRepeated(state, event));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertAcknowledged event) {
        carryOut(policy.alertAcknowledged(state, event));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertEscalated event) {
        carryOut(policy.alertEscalated(state, event, clock.instant()));
    }

    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(AlertResolved event) {
        carryOut(policy.alertResolved(state, event));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(PatientDischarged event) {
        carryOut(policy.discharged(state));
    }

    @DeadlineHandler(deadlineName = ESCALATION_DEADLINE)
    public void on(EscalationDue due) {
        carryOut(policy.escalationDue(state, due), ESCALATION_DEADLINE);
    }

    @DeadlineHandler(deadlineName = OVERDUE_DEADLINE)
    public void on(ObservationsDue due) {
        carryOut(policy.observationsDue(state, due, clock.instant()), OVERDUE_DEADLINE);
    }

    public EncounterState getState() {
        return state;
    }

    public void setState(EncounterState state) {
        this.state = state;
    }

    private void carryOut(Decision decision, String deadline) {
        if (decision.needsCurrentState() && !processingProgress.isCaughtUp()) {
            throw new ProcessingBehind(deadline);
        }
        carryOut(decision);
    }

    private void carryOut(Decision decision) {
        EncounterState next = decision.state();
        for (DeadlineChange change : decision.deadlineChanges()) {
            next = switch (change) {
                case DeadlineChange.CancelEscalation cancel -> {
                    deadlineManager.cancelSchedule(ESCALATION_DEADLINE, cancel.scheduleId());
                    yield next;
                }
                case DeadlineChange.CancelObservationsDue cancel -> {
                    deadlineManager.cancelSchedule(OVERDUE_DEADLINE, cancel.scheduleId());
                    yield next;
                }
                case DeadlineChange.ScheduleEscalation schedule -> next.withEscalationScheduled(
                        schedule.due().alertId(),
                        deadlineManager.schedule(schedule.at(), ESCALATION_DEADLINE, schedule.due()));
                case DeadlineChange.ScheduleObservationsDue schedule -> next.withOverdueScheduled(
                        deadlineManager.schedule(schedule.at(), OVERDUE_DEADLINE, schedule.due()));
            };
        }
        decision.requests().forEach(alertCommandSender::send);
        state = next;
    }
}
