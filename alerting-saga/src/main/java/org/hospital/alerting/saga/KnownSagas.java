package org.hospital.alerting.saga;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sagas this instance has committed, as committed, with their versions, the least recently used dropped beyond a
 * bound (a dropped saga is read again when needed). Used by the processor's thread and the deadline scheduler's at
 * once, hence synchronised.
 */
final class KnownSagas {

    /** A saga as committed at {@code version}. */
    record KnownSaga(String sagaId, long encounterId, long version, Object saga) {
    }

    private final Map<String, KnownSaga> bySagaId;
    private final Map<Long, String> sagaByEncounter = new HashMap<>();

    KnownSagas(int maxSagas) {
        this.bySagaId = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, KnownSaga> eldest) {
                if (size() <= maxSagas) {
                    return false;
                }
                sagaByEncounter.remove(eldest.getValue().encounterId(), eldest.getKey());
                return true;
            }
        };
    }

    synchronized KnownSaga get(String sagaId) {
        return bySagaId.get(sagaId);
    }

    /** The encounter's saga if known here; null if not known (it may still exist in the database). */
    synchronized String sagaOf(long encounterId) {
        return sagaByEncounter.get(encounterId);
    }

    synchronized void put(KnownSaga saga) {
        bySagaId.put(saga.sagaId(), saga);
        sagaByEncounter.put(saga.encounterId(), saga.sagaId());
    }

    synchronized void forget(Collection<String> sagaIds) {
        for (String sagaId : sagaIds) {
            KnownSaga forgotten = bySagaId.remove(sagaId);
            if (forgotten != null) {
                sagaByEncounter.remove(forgotten.encounterId(), sagaId);
            }
        }
    }
}
