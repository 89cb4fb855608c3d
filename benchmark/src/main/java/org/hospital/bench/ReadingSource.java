package org.hospital.bench;

import java.time.Instant;
import java.util.List;

/**
 * Plans the readings: round-robin over the encounters, a measurement time of now (millis) that is unique per
 * encounter (the natural key is encounter, timestamp and sender), and a share of readings that breach a threshold.
 * Each breaching reading is the first breach of its kind for its encounter, so it raises a new alert (a repeat on an
 * open alert only produces a {@code repeated} record) and its alert latency is measurable. Used by one thread only.
 */
public final class ReadingSource {

    /**
     * Breach kinds in the order an encounter uses them (docs/api.md, Alert rules thresholds); each raises a different
     * alert.
     */
    public enum Breach {
        TACHYCARDIA, HYPOXIA, FEVER, HYPERTENSION, BRADYCARDIA
    }

    public record Reading(BenchEncounter encounter, long timestampMillis, Breach breach, String json) {
    }

    private final List<BenchEncounter> encounters;
    private final long[] lastTimestamp;
    private final int[] breachesUsed;
    private final double alertShare;
    private double alertCredit;
    private int next;
    private long sequence;
    private long breachesSkipped;

    public ReadingSource(List<BenchEncounter> encounters, double alertShare) {
        this.encounters = encounters;
        this.lastTimestamp = new long[encounters.size()];
        this.breachesUsed = new int[encounters.size()];
        this.alertShare = alertShare;
    }

    public Reading next(long nowMillis) {
        int index = next;
        next = (next + 1) % encounters.size();
        long timestamp = Math.max(nowMillis, lastTimestamp[index] + 1);
        lastTimestamp[index] = timestamp;
        alertCredit += alertShare;
        Breach breach = null;
        if (alertCredit >= 1) {
            if (breachesUsed[index] < Breach.values().length) {
                breach = Breach.values()[breachesUsed[index]++];
                alertCredit -= 1;
            } else if (alertCredit >= 2) {
                // every encounter has used every kind: drop the credit so the shortfall is reported, not hidden
                alertCredit -= 1;
                breachesSkipped++;
            }
        }
        BenchEncounter encounter = encounters.get(index);
        return new Reading(encounter, timestamp, breach, json(encounter, timestamp, breach, sequence++));
    }

    /** Breaching readings that could not be planned because every encounter had used every breach kind. */
    long breachesSkipped() {
        return breachesSkipped;
    }

    private static String json(BenchEncounter encounter, long timestampMillis, Breach breach, long sequence) {
        int hr = 70 + (int) (sequence % 20);
        int spo2 = 97;
        String temp = "36.8";
        int systolic = 120;
        int diastolic = 80;
        if (breach != null) {
            switch (breach) {
                case TACHYCARDIA -> hr = 140;
                case HYPOXIA -> spo2 = 85;
                case FEVER -> temp = "39.0";
                case HYPERTENSION -> {
                    systolic = 190;
                    diastolic = 100;
                }
                case BRADYCARDIA -> hr = 45;
            }
        }
        return "{\"patient_id\":" + encounter.patientId()
                + ",\"encounter_id\":" + encounter.id()
                + ",\"timestamp\":\"" + Instant.ofEpochMilli(timestampMillis)
                + "\",\"hr_bpm\":" + hr
                + ",\"spo2_pct\":" + spo2
                + ",\"temp_c\":" + temp
                + ",\"bp_systolic\":" + systolic
                + ",\"bp_diastolic\":" + diastolic
                + ",\"resp_rate\":16}";
    }
}
