package org.hospital.alerting.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A NEWS2 result (RCP 2017): the sub-score of each parameter (null when the parameter had no fresh value), their sum
 * and the risk band. When parameters are missing ({@link #complete()} is false) the aggregate is the sum over the
 * parameters present; every sub-score is at least 0, so it is a lower bound of the full score, and the risk and
 * alerts derived from it never overstate the patient's risk.
 *
 * @param inputs the values the sub-scores were computed from
 */
public record News2Score(Integer respirationRate, Integer spo2, Integer airOrOxygen, Integer systolicBp,
                         Integer pulse, Integer consciousness, Integer temperature, int spo2Scale, int aggregate,
                         News2Risk risk, News2Inputs inputs) {

    /** Parameters of NEWS2 (RCP 2017 chart 1): seven. */
    public static final int PARAMETERS = 7;

    /** Whether all seven parameters had a fresh value: only then is this the NEWS2 of RCP 2017. */
    public boolean complete() {
        return parametersScored() == PARAMETERS;
    }

    /** RCP 2017 chart 3: a score of 3 in any single parameter ("red score"). */
    public boolean hasRedScore() {
        for (Integer score : subScores()) {
            if (score != null && score == 3) {
                return true;
            }
        }
        return false;
    }

    /** How many of the seven parameters were scored. */
    public int parametersScored() {
        int scored = 0;
        for (Integer score : subScores()) {
            scored += score == null ? 0 : 1;
        }
        return scored;
    }

    /** The names of the parameters without a fresh value, in chart 1's order. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (respirationRate == null) {
            missing.add("respiration rate");
        }
        if (spo2 == null) {
            missing.add("SpO2");
        }
        if (airOrOxygen == null) {
            missing.add("air or oxygen");
        }
        if (systolicBp == null) {
            missing.add("systolic blood pressure");
        }
        if (pulse == null) {
            missing.add("pulse");
        }
        if (consciousness == null) {
            missing.add("consciousness");
        }
        if (temperature == null) {
            missing.add("temperature");
        }
        return List.copyOf(missing);
    }

    /** Every reading is scored, so this is a loop over an array rather than a stream (BENCHMARKS.md, eighth round). */
    private Integer[] subScores() {
        return new Integer[] {respirationRate, spo2, airOrOxygen, systolicBp, pulse, consciousness, temperature};
    }
}
