package org.hospital.command.encounter;

import java.util.Optional;
import org.hospital.events.RecordNews2Score;
import org.hospital.platform.axon.PayloadTargets;
import org.springframework.stereotype.Component;

/** Which encounter a command is for: the alerting saga's NEWS2 scores name it in the record. */
@Component(EncounterTargets.BEAN)
class EncounterTargets extends PayloadTargets {

    static final String BEAN = "encounterTargets";

    EncounterTargets() {
        super(payload -> payload instanceof RecordNews2Score score
                ? Optional.of(Encounter.aggregateId(score.encounterId())) : Optional.empty());
    }
}
