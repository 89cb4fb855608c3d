package org.hospital.alerting.saga;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.hospital.events.EncounterEvent;
import org.hospital.alerting.saga.KnownSagas.KnownSaga;
import org.hospital.platform.messaging.BeforeCommit;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The alerting sagas' store ({@code alerting_saga}: one row per encounter's saga, its state and a version), made for
 * an event processor that works in batches:
 * <ul>
 *   <li>the sagas this instance handles stay in memory, as committed, with the version they were written at; a saga
 *       not in memory is read with every other missing saga of the batch's encounters in one query, at the batch's
 *       first look-up;</li>
 *   <li>inserts, updates and deletes are collected and written once, right before the batch's transaction commits,
 *       as one JDBC batch each; what a transaction loaded enters memory only when it commits, and leaves it when it
 *       rolls back (the saga objects may hold half of what the batch did).</li>
 * </ul>
 * So a batch of live readings costs one round trip for its sagas, however many events it holds, where Axon's JDBC
 * store made four per event and decoded the state each time.
 * <p>
 * <b>No lost update.</b> A saga may change in two places at once: the processor's batch, and a deadline run by the
 * deadline scheduler, possibly on another instance of the alerting side. Each write names the version it was loaded
 * at ({@code ... WHERE version = ?}); if another transaction committed a change in between, the write touches no row
 * and the whole transaction fails with an {@link OptimisticLockingFailureException} (transient: the processor retries
 * its batch after its back-off, the scheduler its deadline), and the retry reads the newer state. The row lock taken
 * by the write keeps the two serial until commit. So a saga in memory is only ever used at the version it was
 * written at: a stale one (changed by another instance, or by a deadline run there) fails its batch, is dropped from
 * memory and read again. Within one instance the saga repository's lock per saga keeps the processor and the deadline
 * scheduler from using one saga object at once.
 * <p>
 * The saga has exactly one association, its encounter id ({@value #ASSOCIATION_KEY}), kept as a column.
 */
final class EncounterSagaStore implements SagaStore<Object> {

    static final String ASSOCIATION_KEY = "encounterId";
    /** Flushed before the command sends are awaited, so a stale batch fails before waiting on the broker. */
    static final int FLUSH_ORDER = 0;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final KnownSagas known;
    private final Object resourceKey = new Object();

    EncounterSagaStore(JdbcTemplate jdbc, Serializer serializer, int sagasKeptInMemory) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.known = new KnownSagas(sagasKeptInMemory);
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        long encounterId = encounterOf(associationValue);
        String knownSaga = known.sagaOf(encounterId);
        if (knownSaga != null) {
            return Set.of(knownSaga);
        }
        Batch batch = currentBatch();
        if (batch != null && batch.covers(encounterId)) {
            return batch.sagaIdsOf(encounterId);
        }
        Set<String> found = new LinkedHashSet<>();
        for (Row row : select("WHERE encounter_id = ?", encounterId)) {
            found.add(row.sagaId());
            if (batch != null) {
                batch.remember(row);
            }
        }
        return found;
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        Batch batch = currentBatch();
        KnownSaga saga = batch == null ? null : known.get(sagaIdentifier);
        if (saga == null) {
            Row row = batch == null ? null : batch.rows.get(sagaIdentifier);
            if (row == null) {
                List<Row> rows = select("WHERE saga_id = ?", sagaIdentifier);
                if (rows.isEmpty()) {
                    return null;
                }
                row = rows.getFirst();
            }
            saga = new KnownSaga(sagaIdentifier, row.encounterId(), row.version(), serializer.deserialize(
                    new SimpleSerializedObject<>(row.state(), byte[].class, sagaType.getName(), null)));
        }
        if (batch != null) {
            batch.loaded.put(sagaIdentifier, saga);
        }
        return entry(sagaType.cast(saga.saga()), saga.encounterId());
    }

    private static <S> Entry<S> entry(S saga, long encounterId) {
        Set<AssociationValue> associations = Set.of(new AssociationValue(ASSOCIATION_KEY,
                String.valueOf(encounterId)));
        return new Entry<>() {
            @Override
            public Set<AssociationValue> associationValues() {
                return associations;
            }

            @Override
            public S saga() {
                return saga;
            }
        };
    }

    @Override
    public void insertSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           Set<AssociationValue> associationValues) {
        long encounterId = associationValues.stream().map(EncounterSagaStore::encounterOf).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Saga " + sagaIdentifier + " has no encounter"));
        requireBatch().writes.put(sagaIdentifier,
                new Write(WriteKind.INSERT, sagaIdentifier, encounterId, 0, saga, serialize(saga)));
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga,
                           AssociationValues associationValues) {
        if (!associationValues.addedAssociations().isEmpty() || !associationValues.removedAssociations().isEmpty()) {
            throw new UnsupportedOperationException("The alerting saga keeps its one association for life");
        }
        write(WriteKind.UPDATE, sagaIdentifier, saga, serialize(saga));
    }

    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        write(WriteKind.DELETE, sagaIdentifier, null, null);
    }

    private void write(WriteKind kind, String sagaIdentifier, Object saga, byte[] state) {
        Batch batch = requireBatch();
        Write pending = batch.writes.get(sagaIdentifier);
        if (pending != null && pending.kind() == WriteKind.INSERT) {
            // Created in this same transaction: the insert carries the latest state, or is dropped.
            if (kind == WriteKind.DELETE) {
                batch.writes.remove(sagaIdentifier);
            } else {
                batch.writes.put(sagaIdentifier, pending.withState(saga, state));
            }
            return;
        }
        KnownSaga loaded = batch.loaded.get(sagaIdentifier);
        if (loaded == null) {
            throw new IllegalStateException("Saga " + sagaIdentifier + " is written without having been loaded");
        }
        batch.writes.put(sagaIdentifier, new Write(kind, sagaIdentifier, loaded.encounterId(), loaded.version(), saga,
                state));
    }

    /** The current transaction's batch; null outside a transaction. */
    private Batch currentBatch() {
        return BeforeCommit.collection(resourceKey, FLUSH_ORDER, Batch::new, batch -> flush(batch.writes.values()),
                this::keepWhatCommitted).orElse(null);
    }

    /**
     * What a committed transaction loaded and wrote is what is stored: it is kept in memory. After a rollback the
     * loaded objects may hold half of what the batch did, and are dropped.
     */
    private void keepWhatCommitted(Batch batch, boolean committed) {
        if (!committed) {
            known.forget(batch.loaded.keySet());
            known.forget(batch.writes.keySet());
            return;
        }
        batch.loaded.values().forEach(known::put);
        for (Write write : batch.writes.values()) {
            switch (write.kind()) {
                case INSERT -> known.put(new KnownSaga(write.sagaId(), write.encounterId(), 0, write.saga()));
                case UPDATE -> known.put(new KnownSaga(write.sagaId(), write.encounterId(), write.version() + 1,
                        write.saga()));
                case DELETE -> known.forget(Set.of(write.sagaId()));
            }
        }
    }

    /**
     * Writes happen only inside a transaction, the only place where a version can be kept between a load and its
     * write (the processor and the deadline scheduler both run their work in one).
     */
    private Batch requireBatch() {
        Batch batch = currentBatch();
        if (batch == null) {
            throw new IllegalStateException("The alerting saga store writes only inside a transaction");
        }
        return batch;
    }

    private void flush(Iterable<Write> writes) {
        List<Object[]> inserts = new ArrayList<>();
        List<Write> updates = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Write write : writes) {
            switch (write.kind()) {
                case INSERT -> inserts.add(new Object[] {write.sagaId(), write.encounterId(), write.state()});
                case UPDATE -> updates.add(write);
                case DELETE -> {
                    deletes.add(new Object[] {write.sagaId(), write.version()});
                    deleted.add(write.sagaId());
                }
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO alerting_saga (saga_id, encounter_id, version, state) VALUES (?, ?, 0, ?)",
                    inserts);
        }
        if (!updates.isEmpty()) {
            update(updates);
        }
        if (!deletes.isEmpty()) {
            requireEveryRow(jdbc.batchUpdate("DELETE FROM alerting_saga WHERE saga_id = ? AND version = ?", deletes),
                    deleted);
        }
    }

    /**
     * Every changed saga of the batch with one statement (a JDBC batch of one-row updates cost PostgreSQL an executor
     * start per saga); each row only at the version it was loaded at.
     */
    private void update(List<Write> updates) {
        List<String> written = jdbc.queryForList("""
                        UPDATE alerting_saga s SET state = u.state, version = s.version + 1
                        FROM unnest(?::text[], ?::bigint[], ?::bytea[]) AS u(saga_id, version, state)
                        WHERE s.saga_id = u.saga_id AND s.version = u.version
                        RETURNING s.saga_id""", String.class,
                updates.stream().map(Write::sagaId).toArray(String[]::new),
                updates.stream().map(Write::version).toArray(Long[]::new),
                updates.stream().map(Write::state).toArray(byte[][]::new));
        if (written.size() != updates.size()) {
            Set<String> stale = new LinkedHashSet<>();
            updates.forEach(write -> stale.add(write.sagaId()));
            written.forEach(stale::remove);
            throw new OptimisticLockingFailureException("Sagas " + stale
                    + " changed in another transaction since they were loaded; retrying with their newer state");
        }
    }

    private static void requireEveryRow(int[] counts, List<String> sagaIds) {
        for (int i = 0; i < counts.length; i++) {
            // The driver may answer SUCCESS_NO_INFO (-2) for a batched statement; 0 is a definite miss.
            if (counts[i] == 0) {
                throw new OptimisticLockingFailureException("Saga " + sagaIds.get(i)
                        + " changed in another transaction since it was loaded; retrying with its newer state");
            }
        }
    }

    private List<Row> select(String where, Object argument) {
        return jdbc.query("SELECT saga_id, encounter_id, version, state FROM alerting_saga " + where,
                EncounterSagaStore::row, argument);
    }

    private byte[] serialize(Object saga) {
        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        return serialized.getData();
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4));
    }

    private static long encounterOf(AssociationValue associationValue) {
        if (!ASSOCIATION_KEY.equals(associationValue.getKey())) {
            throw new IllegalArgumentException("The alerting saga is associated by " + ASSOCIATION_KEY + " only, not "
                    + associationValue.getKey());
        }
        return Long.parseLong(associationValue.getValue());
    }

    private record Row(String sagaId, long encounterId, long version, byte[] state) {
    }

    private enum WriteKind { INSERT, UPDATE, DELETE }

    private record Write(WriteKind kind, String sagaId, long encounterId, long version, Object saga, byte[] state) {

        Write withState(Object newSaga, byte[] newState) {
            return new Write(kind, sagaId, encounterId, version, newSaga, newState);
        }
    }

    /** What one transaction read and will write. */
    private final class Batch {

        /** The encounters read ahead (every encounter of the unit of work's events), null until the first look-up. */
        private Set<Long> covered;
        private final Map<Long, Set<String>> sagaIdsByEncounter = new HashMap<>();
        private final Map<String, Row> rows = new HashMap<>();
        private final Map<String, KnownSaga> loaded = new HashMap<>();
        private final Map<String, Write> writes = new LinkedHashMap<>();

        boolean covers(long encounterId) {
            if (covered == null) {
                readAhead();
            }
            return covered.contains(encounterId);
        }

        Set<String> sagaIdsOf(long encounterId) {
            return sagaIdsByEncounter.getOrDefault(encounterId, Set.of());
        }

        void remember(Row row) {
            rows.put(row.sagaId(), row);
            sagaIdsByEncounter.computeIfAbsent(row.encounterId(), id -> new LinkedHashSet<>()).add(row.sagaId());
        }

        /** One query for the sagas of every encounter the current unit of work's events belong to, unless known. */
        private void readAhead() {
            covered = encountersOfCurrentWork();
            Set<Long> missing = new LinkedHashSet<>(covered);
            missing.removeIf(encounter -> known.sagaOf(encounter) != null);
            if (missing.isEmpty()) {
                return;
            }
            List<Row> found = jdbc.query("SELECT saga_id, encounter_id, version, state FROM alerting_saga "
                    + "WHERE encounter_id = ANY(?::bigint[])", EncounterSagaStore::row,
                    (Object) missing.toArray(Long[]::new));
            found.forEach(this::remember);
        }
    }

    private static Set<Long> encountersOfCurrentWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Set.of();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<? extends Message<?>> messages = root instanceof BatchingUnitOfWork<?> batching
                ? batching.getMessages() : List.of(root.getMessage());
        Set<Long> encounters = new LinkedHashSet<>();
        for (Message<?> message : messages) {
            if (message instanceof EventMessage<?> event && EncounterEvent.class.isAssignableFrom(event.getPayloadType())
                    && event.getPayload() instanceof EncounterEvent encounterEvent) {
                encounters.add(encounterEvent.encounterId());
            }
        }
        return encounters;
    }
}
