package org.hospital.alerting.saga;

import java.util.ArrayList;
import java.util.List;
import org.hospital.events.AlertCommand;

/**
 * What {@link AlertingPolicy} decided on one event or deadline: the encounter's new state, the requests for the
 * command side (in order) and the deadline changes.
 *
 * @param needsCurrentState the decision acts on a deadline and is right only if the state has every event stored so
 *                          far (a deadline firing while the processor is behind must wait, not act on old state)
 */
record Decision(EncounterState state, List<AlertCommand> requests, List<DeadlineChange> deadlineChanges,
                boolean needsCurrentState) {

    /** The new state alone: nothing to send, no deadline to change. */
    static Decision of(EncounterState state) {
        return new Decision(state, List.of(), List.of(), false);
    }

    static Builder from(EncounterState state) {
        return new Builder(state);
    }

    /** Collects one decision while the policy works through an event. */
    static final class Builder {

        private EncounterState state;
        private final List<AlertCommand> requests = new ArrayList<>();
        private final List<DeadlineChange> deadlineChanges = new ArrayList<>();
        private boolean needsCurrentState;

        private Builder(EncounterState state) {
            this.state = state;
        }

        EncounterState state() {
            return state;
        }

        Builder state(EncounterState changed) {
            this.state = changed;
            return this;
        }

        Builder send(AlertCommand request) {
            requests.add(request);
            return this;
        }

        Builder deadline(DeadlineChange change) {
            deadlineChanges.add(change);
            return this;
        }

        Builder needsCurrentState() {
            this.needsCurrentState = true;
            return this;
        }

        Decision build() {
            return new Decision(state, List.copyOf(requests), List.copyOf(deadlineChanges), needsCurrentState);
        }
    }
}
