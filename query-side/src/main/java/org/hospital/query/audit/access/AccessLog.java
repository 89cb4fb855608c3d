package org.hospital.query.audit.access;

import java.util.List;
import java.util.Map;
import org.hospital.query.Columns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code access_log} table: resolves which patients a read concerned, appends entries to the chain (one
 * transaction per batch, holding the chain head's row lock, so appends from every instance are serialized),
 * lists a patient's entries and verifies the chain.
 */
@Component
class AccessLog {

    private static final int VERIFY_CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AccessChain chain;

    AccessLog(JdbcClient jdbc, PlatformTransactionManager transactionManager, AccessChain chain) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.chain = chain;
    }

    /**
     * The entries a read produces: one per patient it showed. An encounter's patient comes from the audit history
     * (never truncated, so this works during a rebuild); a doctor's list gives one entry per patient listed at the
     * time the entry is written; the board one per patient it showed; a read that names no
     * patient (the alert stream) gives one entry without one.
     */
    List<AccessEntry> resolve(AccessRead read) {
        Map<String, String> variables = read.pathVariables();
        Long patientId = id(variables.get("patient_id"));
        Long encounterId = id(variables.get("encounter_id"));
        if (encounterId == null) {
            encounterId = read.encounterParameter();
        }
        if (patientId == null && encounterId != null) {
            patientId = jdbc.sql("SELECT patient_id FROM audit_event WHERE encounter_id = ? ORDER BY position LIMIT 1")
                    .param(encounterId).query(Long.class).optional().orElse(null);
        }
        if (read.shown() != null && !read.shown().isEmpty() && read.outcome() == 200) {
            return read.shown().stream().map(shown -> entry(read, shown.patientId(), shown.encounterId())).toList();
        }
        Long doctorId = id(variables.get("doctor_id"));
        if (doctorId != null && read.outcome() == 200) {
            List<AccessEntry> listed = jdbc.sql("""
                            SELECT patient_id, id FROM view_encounters
                            WHERE doctor_id = ? AND status = 'active' ORDER BY admitted_at DESC, id DESC""")
                    .param(doctorId)
                    .query((rs, row) -> entry(read, rs.getLong("patient_id"), rs.getLong("id")))
                    .list();
            if (!listed.isEmpty()) {
                return listed;
            }
        }
        return List.of(entry(read, patientId, encounterId));
    }

    void append(List<AccessEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(status -> {
            var head = jdbc.sql("SELECT last_id, last_hash FROM access_log_head WHERE singleton FOR UPDATE")
                    .query((rs, row) -> new Head(rs.getLong("last_id"), rs.getString("last_hash")))
                    .single();
            long id = head.lastId();
            String previous = head.lastHash();
            for (AccessEntry entry : entries) {
                id++;
                String hash = chain.hash(previous, id, entry);
                jdbc.sql("""
                                INSERT INTO access_log (id, occurred_at, user_id, role, device_id, patient_id,
                                    encounter_id, action, outcome, request_id, previous_hash, hash)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(id, Columns.utc(entry.occurredAt()), entry.userId(), entry.role(), entry.deviceId(),
                                entry.patientId(), entry.encounterId(), entry.action(), entry.outcome(),
                                entry.requestId(), previous, hash)
                        .update();
                previous = hash;
            }
            jdbc.sql("UPDATE access_log_head SET last_id = ?, last_hash = ? WHERE singleton")
                    .params(id, previous).update();
        });
    }

    /** A patient's entries, newest first, with ids below {@code beforeId}. */
    List<AccessLogController.Entry> ofPatient(long patientId, long beforeId, int limit) {
        return jdbc.sql("""
                        SELECT id, occurred_at, user_id, role, device_id, patient_id, encounter_id, action, outcome,
                               request_id
                        FROM access_log WHERE patient_id = ? AND id < ? ORDER BY id DESC LIMIT ?""")
                .params(patientId, beforeId, limit)
                .query((rs, row) -> new AccessLogController.Entry(rs.getLong("id"),
                        Columns.instant(rs, "occurred_at"), Columns.bigint(rs, "user_id"), rs.getString("role"),
                        Columns.bigint(rs, "device_id"), Columns.bigint(rs, "patient_id"),
                        Columns.bigint(rs, "encounter_id"), rs.getString("action"), rs.getInt("outcome"),
                        rs.getString("request_id")))
                .list();
    }

    /**
     * Recomputes the chain from the first entry up to the head as it was when the check began. The first entry
     * whose id, previous hash or own hash does not match is the first broken one; entries missing at the end show
     * as a head that the last entry does not reach.
     */
    Verification verify() {
        Head head = jdbc.sql("SELECT last_id, last_hash FROM access_log_head WHERE singleton")
                .query((rs, row) -> new Head(rs.getLong("last_id"), rs.getString("last_hash")))
                .single();
        long expectedId = 1;
        String previous = AccessChain.GENESIS;
        long checked = 0;
        while (expectedId <= head.lastId()) {
            List<StoredEntry> chunk = jdbc.sql("""
                            SELECT id, occurred_at, user_id, role, device_id, patient_id, encounter_id, action,
                                   outcome, request_id, previous_hash, hash
                            FROM access_log WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?""")
                    .params(expectedId, head.lastId(), VERIFY_CHUNK)
                    .query((rs, row) -> new StoredEntry(rs.getLong("id"), new AccessEntry(
                            Columns.instant(rs, "occurred_at"), Columns.bigint(rs, "user_id"), rs.getString("role"),
                            Columns.bigint(rs, "device_id"), Columns.bigint(rs, "patient_id"),
                            Columns.bigint(rs, "encounter_id"), rs.getString("action"), rs.getInt("outcome"),
                            rs.getString("request_id")), rs.getString("previous_hash"), rs.getString("hash")))
                    .list();
            if (chunk.isEmpty()) {
                return new Verification(false, checked, expectedId);
            }
            for (StoredEntry stored : chunk) {
                checked++;
                if (stored.id() != expectedId || !previous.equals(stored.previousHash())
                        || !chain.hash(previous, stored.id(), stored.entry()).equals(stored.hash())) {
                    return new Verification(false, checked, Math.min(stored.id(), expectedId));
                }
                previous = stored.hash();
                expectedId++;
            }
        }
        if (!previous.equals(head.lastHash())) {
            return new Verification(false, checked, head.lastId());
        }
        return new Verification(true, checked, null);
    }

    private static AccessEntry entry(AccessRead read, Long patientId, Long encounterId) {
        return new AccessEntry(read.occurredAt(), read.userId(), read.role(), read.deviceId(), patientId, encounterId,
                read.action(), read.outcome(), read.requestId());
    }

    private static Long id(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code firstBrokenId} is null when the chain is intact. */
    record Verification(boolean valid, long entriesChecked, Long firstBrokenId) {
    }

    private record Head(long lastId, String lastHash) {
    }

    private record StoredEntry(long id, AccessEntry entry, String previousHash, String hash) {
    }
}
