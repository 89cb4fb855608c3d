package org.hospital.alerting.saga;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.AnnotatedSaga;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.SagaStore;

/**
 * Axon's saga repository for {@link EncounterAlertingSaga}, with one change: which sagas an event is for is answered
 * by {@link EncounterSagaStore} (from memory, or from the batch's read-ahead) and by the sagas the batch itself
 * created, instead of Axon's default of also testing every saga that is loaded at that moment. That test ran once per
 * event over every saga of the batch, so its cost grew with the square of the batch (about 15 % of the saga thread's
 * CPU at batches of 500 in a catch-up). What it found beyond the store were the sagas created in the running batch
 * (not stored before it commits), which are kept here, and sagas loaded by another thread, which the store finds
 * as well.
 */
final class EncounterSagaRepository extends AnnotatedSagaRepository<EncounterAlertingSaga> {

    private static final String CREATED_IN_BATCH = EncounterSagaRepository.class.getName() + "/created";

    private final SagaStore<Object> store;

    private EncounterSagaRepository(Builder<EncounterAlertingSaga> builder, SagaStore<Object> store) {
        super(builder);
        this.store = store;
    }

    /** Configured as Axon's own saga configuration configures its default repository. */
    static EncounterSagaRepository of(Configuration axon, SagaStore<Object> store) {
        Builder<EncounterAlertingSaga> builder = AnnotatedSagaRepository.<EncounterAlertingSaga>builder()
                .sagaType(EncounterAlertingSaga.class)
                .sagaStore(store)
                .resourceInjector(axon.resourceInjector())
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(EncounterAlertingSaga.class));
        return new EncounterSagaRepository(builder, store);
    }

    @Override
    public AnnotatedSaga<EncounterAlertingSaga> doCreateInstance(String sagaIdentifier,
                                                                Supplier<EncounterAlertingSaga> factory) {
        AnnotatedSaga<EncounterAlertingSaga> saga = super.doCreateInstance(sagaIdentifier, factory);
        CurrentUnitOfWork.get().root()
                .<List<AnnotatedSaga<EncounterAlertingSaga>>>getOrComputeResource(CREATED_IN_BATCH,
                        key -> new ArrayList<>())
                .add(saga);
        return saga;
    }

    @Override
    public Set<String> find(AssociationValue associationValue) {
        Set<String> found = new TreeSet<>(store.findSagas(EncounterAlertingSaga.class, associationValue));
        if (CurrentUnitOfWork.isStarted()) {
            List<AnnotatedSaga<EncounterAlertingSaga>> created =
                    CurrentUnitOfWork.get().root().getResource(CREATED_IN_BATCH);
            if (created != null) {
                for (AnnotatedSaga<EncounterAlertingSaga> saga : created) {
                    if (saga.getAssociationValues().contains(associationValue)) {
                        found.add(saga.getSagaIdentifier());
                    }
                }
            }
        }
        return found;
    }
}
