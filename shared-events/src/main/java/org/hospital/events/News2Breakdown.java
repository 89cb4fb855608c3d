package org.hospital.events;

/**
 * The NEWS2 sub-scores (RCP 2017, chart 1) behind an aggregate score; a parameter with no fresh value is null.
 * {@code spo2Scale} is 1 or 2.
 */
public record News2Breakdown(Integer respirationRate, Integer spo2, Integer airOrOxygen, Integer systolicBp,
                             Integer pulse, Integer consciousness, Integer temperature, int spo2Scale) {
}
