package org.hospital.command.vitals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hospital.command.encounter.NewReading;

/**
 * The readings stored so far, by natural key (encounter, timestamp, source) and by the sender's idempotency key.
 * Written in the transaction of the readings' events: if the events are not stored, neither are their keys. Both
 * operations take a whole command's readings, so a batch costs one statement each, not one per reading.
 */
interface VitalsDedup {

    /** A reading stored earlier, and the digest of what it measured. */
    record Earlier(long readingId, String contentHash) {
    }

    /**
     * Claims both keys of each reading, in the given order; returns the ids of the readings whose keys were free.
     * A reading is not claimed when another holds one of its keys: one stored before, one claimed by a concurrent
     * request a moment ago (the claim waits for that transaction to end), or an earlier reading of the same list.
     */
    Set<Long> claim(List<NewReading> readings);

    /**
     * For each reading (by its id) the readings stored earlier under its natural key or its idempotency key, at most
     * one per key; readings without any are left out.
     */
    Map<Long, List<Earlier>> earlier(List<NewReading> readings);

    /**
     * A digest of what was measured (not of the ids and times the server assigns), so that a retry of the same
     * reading is told apart from a different reading sent under the same key.
     */
    static String contentHash(NewReading reading) {
        String content = String.join("|", String.valueOf(reading.encounterId()), String.valueOf(reading.patientId()),
                String.valueOf(reading.timestamp()), String.valueOf(reading.hrBpm()),
                String.valueOf(reading.spo2Pct()), String.valueOf(reading.tempC()),
                String.valueOf(reading.bpSystolic()), String.valueOf(reading.bpDiastolic()),
                String.valueOf(reading.respRate()), String.valueOf(reading.onOxygen()),
                String.valueOf(reading.consciousness()), String.join(",", reading.deviceFlags()), reading.source());
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
