package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.Saga;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which sagas an event is for: the stored ones, and those its own batch created and has not stored yet. */
class EncounterSagaRepositoryTest {

    private final InMemorySagaStore store = new InMemorySagaStore();
    private final EncounterSagaRepository repository = EncounterSagaRepository.of(
            DefaultConfigurer.defaultConfiguration().buildConfiguration(), store);
    private final UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));

    @AfterEach
    void endBatch() {
        batch.rollback();
    }

    @Test
    void findsASagaItsBatchCreatedBeforeItIsStoredAndOnlyForItsEncounter() {
        Saga<EncounterAlertingSaga> created = repository.createInstance("saga-10", EncounterAlertingSaga::new);
        created.getAssociationValues().add(encounter(10));

        assertThat(store.size()).isZero();
        assertThat(repository.find(encounter(10))).containsExactly("saga-10");
        assertThat(repository.find(encounter(11))).isEmpty();
    }

    @Test
    void findsTheStoredSagasOfAnEncounter() {
        store.insertSaga(EncounterAlertingSaga.class, "saga-11", new EncounterAlertingSaga(), Set.of(encounter(11)));

        assertThat(repository.find(encounter(11))).containsExactly("saga-11");
        assertThat(repository.find(encounter(12))).isEmpty();
    }

    private static AssociationValue encounter(long id) {
        return new AssociationValue(EncounterSagaStore.ASSOCIATION_KEY, String.valueOf(id));
    }
}
