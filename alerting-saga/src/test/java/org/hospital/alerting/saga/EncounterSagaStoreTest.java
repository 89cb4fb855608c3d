package org.hospital.alerting.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.serialization.json.JacksonSerializer;
import org.hospital.events.PatientAdmitted;
import org.hospital.infra.TestInfrastructure;
import org.hospital.platform.schema.SchemaMigration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The alerting sagas' store on a real PostgreSQL: what a batch reads and writes, and that two writers of one saga
 * (the processor's batch on one instance, a deadline on another) never lose an update.
 */
@Tag("own-jvm")
class EncounterSagaStoreTest {

    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;
    /** Two instances of the alerting side, each with its own store, sharing the database. */
    private EncounterSagaStore processorInstance;
    private EncounterSagaStore deadlineInstance;

    @BeforeEach
    void setUp() {
        DataSource dataSource = TestInfrastructure.shared().newDataSource("saga_store");
        SchemaMigration.apply(dataSource, "alerting");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        processorInstance = new EncounterSagaStore(jdbc, JacksonSerializer.defaultSerializer(), 100);
        deadlineInstance = new EncounterSagaStore(jdbc, JacksonSerializer.defaultSerializer(), 100);
    }

    @Test
    void writesNothingBeforeTheTransactionCommitsAndEverythingWhenItDoes() {
        TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
        processorInstance.insertSaga(Notes.class, "saga-10", Notes.of("admitted"), encounter(10));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alerting_saga", Long.class)).isZero();

        transactions.commit(transaction);

        assertThat(load(processorInstance, "saga-10").entries).containsExactly("admitted");
        assertThat(findIn(processorInstance, 10)).containsExactly("saga-10");
    }

    @Test
    void writesNothingWhenTheTransactionRollsBack() {
        TransactionStatus transaction = transactions.getTransaction(new DefaultTransactionDefinition());
        processorInstance.insertSaga(Notes.class, "saga-10", Notes.of("admitted"), encounter(10));
        transactions.rollback(transaction);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM alerting_saga", Long.class)).isZero();
    }

    @Test
    void answersABatchsLookUpsForEveryEncounterOfItsEvents() {
        inTransaction(() -> {
            for (long encounter = 1; encounter <= 3; encounter++) {
                processorInstance.insertSaga(Notes.class, "saga-" + encounter, Notes.of("admitted"),
                        encounter(encounter));
            }
        });
        List<EventMessage<?>> events = new ArrayList<>();
        for (long encounter = 1; encounter <= 3; encounter++) {
            events.add(GenericEventMessage.asEventMessage(new PatientAdmitted(encounter, 7, 2, 5, "101A", "ICU",
                    null)));
        }

        // An instance that has none of them in memory (the one that wrote them would answer from memory).
        EncounterSagaStore restarted = new EncounterSagaStore(jdbc, JacksonSerializer.defaultSerializer(), 100);
        List<Set<String>> found = new TransactionTemplate(transactions).execute(status ->
                new BatchingUnitOfWork<>(events).executeWithResult(() -> {
                    // The batch's encounters are read ahead; a row deleted after that read changes nothing.
                    Set<String> first = restarted.findSagas(Notes.class, association(1));
                    jdbc.update("DELETE FROM alerting_saga WHERE encounter_id = 3");
                    return List.of(first, restarted.findSagas(Notes.class, association(2)),
                            restarted.findSagas(Notes.class, association(3)));
                }).getPayload());

        assertThat(found).containsExactly(Set.of("saga-1"), Set.of("saga-2"), Set.of("saga-3"));
    }

    @Test
    void aDeadlineOnAnotherInstanceAndABatchChangingOneSagaNeverLoseAnUpdate() throws Exception {
        inTransaction(() -> processorInstance.insertSaga(Notes.class, "saga-10", Notes.of("admitted"),
                encounter(10)));

        // The processor's batch loads the saga and changes it...
        TransactionStatus batch = transactions.getTransaction(new DefaultTransactionDefinition());
        Notes seenByBatch = processorInstance.<Notes>loadSaga(Notes.class, "saga-10").saga();
        seenByBatch.entries.add("reading 5001");
        processorInstance.updateSaga(Notes.class, "saga-10", seenByBatch, unchanged());
        // ...while a deadline on the other instance changes the same saga and commits first.
        CompletableFuture.runAsync(() -> inTransaction(() -> {
            Notes seenByDeadline = deadlineInstance.<Notes>loadSaga(Notes.class, "saga-10").saga();
            seenByDeadline.entries.add("observations overdue");
            deadlineInstance.updateSaga(Notes.class, "saga-10", seenByDeadline, unchanged());
        })).get();

        assertThatThrownBy(() -> transactions.commit(batch)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(load(deadlineInstance, "saga-10").entries).containsExactly("admitted", "observations overdue");

        // The processor retries its batch, on the newer state.
        inTransaction(() -> {
            Notes retried = processorInstance.<Notes>loadSaga(Notes.class, "saga-10").saga();
            retried.entries.add("reading 5001");
            processorInstance.updateSaga(Notes.class, "saga-10", retried, unchanged());
        });
        assertThat(load(processorInstance, "saga-10").entries)
                .containsExactly("admitted", "observations overdue", "reading 5001");
    }

    @Test
    void keepsACommittedSagaInMemoryAndDropsItWhenItTurnsOutStale() {
        inTransaction(() -> processorInstance.insertSaga(Notes.class, "saga-10", Notes.of("admitted"),
                encounter(10)));
        // Changed behind this instance's back (another instance, say): this one still answers from memory...
        jdbc.update("UPDATE alerting_saga SET version = version + 1");
        TransactionStatus batch = transactions.getTransaction(new DefaultTransactionDefinition());
        Notes fromMemory = processorInstance.<Notes>loadSaga(Notes.class, "saga-10").saga();
        assertThat(fromMemory.entries).containsExactly("admitted");
        fromMemory.entries.add("reading 5001");
        processorInstance.updateSaga(Notes.class, "saga-10", fromMemory, unchanged());

        // ...but cannot write what it decided on the stale state, and forgets it.
        assertThatThrownBy(() -> transactions.commit(batch)).isInstanceOf(OptimisticLockingFailureException.class);
        jdbc.update("UPDATE alerting_saga SET state = ?", (Object) JacksonSerializer.defaultSerializer()
                .serialize(Notes.of("changed elsewhere"), byte[].class).getData());
        assertThat(load(processorInstance, "saga-10").entries).containsExactly("changed elsewhere");
    }

    @Test
    void forgetsTheObjectsOfABatchThatRolledBack() {
        inTransaction(() -> processorInstance.insertSaga(Notes.class, "saga-10", Notes.of("admitted"),
                encounter(10)));
        TransactionStatus batch = transactions.getTransaction(new DefaultTransactionDefinition());
        Notes halfDone = processorInstance.<Notes>loadSaga(Notes.class, "saga-10").saga();
        halfDone.entries.add("half of a failed batch");
        transactions.rollback(batch);

        assertThat(load(processorInstance, "saga-10").entries).containsExactly("admitted");
    }

    @Test
    void aSagaEndedByADischargeIsDeletedUnlessChangedElsewhereMeanwhile() {
        inTransaction(() -> processorInstance.insertSaga(Notes.class, "saga-10", Notes.of("admitted"),
                encounter(10)));
        TransactionStatus batch = transactions.getTransaction(new DefaultTransactionDefinition());
        processorInstance.loadSaga(Notes.class, "saga-10");
        processorInstance.deleteSaga(Notes.class, "saga-10", encounter(10));
        jdbc.update("UPDATE alerting_saga SET version = version + 1");

        assertThatThrownBy(() -> transactions.commit(batch)).isInstanceOf(OptimisticLockingFailureException.class);

        inTransaction(() -> {
            processorInstance.loadSaga(Notes.class, "saga-10");
            processorInstance.deleteSaga(Notes.class, "saga-10", encounter(10));
        });
        assertThat(findIn(processorInstance, 10)).isEmpty();
    }

    @Test
    void refusesToWriteOutsideATransaction() {
        assertThatThrownBy(() -> processorInstance.insertSaga(Notes.class, "saga-10", Notes.of("admitted"),
                encounter(10))).isInstanceOf(IllegalStateException.class);
    }

    private Notes load(EncounterSagaStore store, String sagaId) {
        return new TransactionTemplate(transactions).execute(status ->
                store.<Notes>loadSaga(Notes.class, sagaId).saga());
    }

    private Set<String> findIn(EncounterSagaStore store, long encounter) {
        return new TransactionTemplate(transactions).execute(status ->
                store.findSagas(Notes.class, association(encounter)));
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> work.run());
    }

    private static AssociationValue association(long encounter) {
        return new AssociationValue(EncounterSagaStore.ASSOCIATION_KEY, String.valueOf(encounter));
    }

    private static Set<AssociationValue> encounter(long encounter) {
        return Set.of(association(encounter));
    }

    private static AssociationValuesImpl unchanged() {
        return new AssociationValuesImpl();
    }

    /** A saga's state as small as can be: what happened to it, in order. */
    public static final class Notes {

        public List<String> entries = new ArrayList<>();

        static Notes of(String entry) {
            Notes notes = new Notes();
            notes.entries.add(entry);
            return notes;
        }
    }
}
