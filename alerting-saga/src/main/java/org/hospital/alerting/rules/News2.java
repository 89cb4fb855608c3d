package org.hospital.alerting.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The National Early Warning Score 2 (Royal College of Physicians, 2017) as pure functions: the parameter bands of
 * chart 1 (the docs/api.md, Alert rules section's table), the risk bands of chart 3, the monitoring frequency of chart
 * 4, and the alerts of docs/api.md, Alert rules that follow from a score.
 */
public final class News2 {

    private static final Duration TWELVE_HOURS = Duration.ofHours(12);
    private static final Duration FOUR_HOURS = Duration.ofHours(4);
    private static final Duration ONE_HOUR = Duration.ofHours(1);

    private News2() {
    }

    /** RCP 2017 chart 1, respiration rate: ≤8 → 3, 9-11 → 1, 12-20 → 0, 21-24 → 2, ≥25 → 3. */
    public static int respirationRate(int breathsPerMinute) {
        if (breathsPerMinute <= 8) {
            return 3;
        }
        if (breathsPerMinute <= 11) {
            return 1;
        }
        if (breathsPerMinute <= 20) {
            return 0;
        }
        if (breathsPerMinute <= 24) {
            return 2;
        }
        return 3;
    }

    /** RCP 2017 chart 1, SpO2 scale 1: ≤91 → 3, 92-93 → 2, 94-95 → 1, ≥96 → 0. */
    public static int spo2Scale1(int percent) {
        if (percent <= 91) {
            return 3;
        }
        if (percent <= 93) {
            return 2;
        }
        if (percent <= 95) {
            return 1;
        }
        return 0;
    }

    /**
     * RCP 2017 chart 1, SpO2 scale 2 (target 88-92% in hypercapnic respiratory failure): ≤83 → 3, 84-85 → 2,
     * 86-87 → 1, 88-92 → 0, ≥93 on air → 0; on oxygen 93-94 → 1, 95-96 → 2, ≥97 → 3 (over-oxygenation).
     */
    public static int spo2Scale2(int percent, boolean onOxygen) {
        if (percent <= 83) {
            return 3;
        }
        if (percent <= 85) {
            return 2;
        }
        if (percent <= 87) {
            return 1;
        }
        if (percent <= 92 || !onOxygen) {
            return 0;
        }
        if (percent <= 94) {
            return 1;
        }
        if (percent <= 96) {
            return 2;
        }
        return 3;
    }

    /** RCP 2017 chart 1, air or oxygen: supplemental oxygen → 2, air → 0. */
    public static int airOrOxygen(boolean onOxygen) {
        return onOxygen ? 2 : 0;
    }

    /** RCP 2017 chart 1, systolic blood pressure: ≤90 → 3, 91-100 → 2, 101-110 → 1, 111-219 → 0, ≥220 → 3. */
    public static int systolicBp(int mmHg) {
        if (mmHg <= 90) {
            return 3;
        }
        if (mmHg <= 100) {
            return 2;
        }
        if (mmHg <= 110) {
            return 1;
        }
        if (mmHg <= 219) {
            return 0;
        }
        return 3;
    }

    /** RCP 2017 chart 1, pulse: ≤40 → 3, 41-50 → 1, 51-90 → 0, 91-110 → 1, 111-130 → 2, ≥131 → 3. */
    public static int pulse(int beatsPerMinute) {
        if (beatsPerMinute <= 40) {
            return 3;
        }
        if (beatsPerMinute <= 50) {
            return 1;
        }
        if (beatsPerMinute <= 90) {
            return 0;
        }
        if (beatsPerMinute <= 110) {
            return 1;
        }
        if (beatsPerMinute <= 130) {
            return 2;
        }
        return 3;
    }

    /**
     * RCP 2017 chart 1, consciousness (ACVPU): Alert → 0; new Confusion, Voice, Pain or Unresponsive → 3. Null for
     * anything else: an unreadable level is not scored, rather than guessed.
     */
    public static Integer consciousness(String acvpu) {
        if (acvpu == null) {
            return null;
        }
        return switch (acvpu.trim().toUpperCase(Locale.ROOT)) {
            case "A" -> 0;
            case "C", "V", "P", "U" -> 3;
            default -> null;
        };
    }

    /**
     * RCP 2017 chart 1, temperature: ≤35.0 → 3, 35.1-36.0 → 1, 36.1-38.0 → 0, 38.1-39.0 → 1, ≥39.1 → 2. The chart is
     * written to one decimal, so the value is first rounded half-up to one decimal (36.04 reads as 36.0).
     */
    public static int temperature(double celsius) {
        BigDecimal t = BigDecimal.valueOf(celsius).setScale(1, RoundingMode.HALF_UP);
        if (t.compareTo(new BigDecimal("35.0")) <= 0) {
            return 3;
        }
        if (t.compareTo(new BigDecimal("36.0")) <= 0) {
            return 1;
        }
        if (t.compareTo(new BigDecimal("38.0")) <= 0) {
            return 0;
        }
        if (t.compareTo(new BigDecimal("39.0")) <= 0) {
            return 1;
        }
        return 2;
    }

    /**
     * The score over the parameters present (RCP 2017 chart 1, aggregate) and its risk (chart 3). On scale 2 an SpO2
     * of 93 or more with the oxygen status unknown scores as on air (0), the lower of the possible scores, in line
     * with the aggregate being a lower bound when parameters are missing.
     */
    public static News2Score score(News2Inputs in) {
        Objects.requireNonNull(in, "inputs");
        Integer rr = in.respRate() == null ? null : respirationRate(in.respRate());
        Integer spo2 = in.spo2Pct() == null ? null
                : in.spo2Scale() == 2
                        ? spo2Scale2(in.spo2Pct(), Boolean.TRUE.equals(in.onOxygen()))
                        : spo2Scale1(in.spo2Pct());
        Integer oxygen = in.onOxygen() == null ? null : airOrOxygen(in.onOxygen());
        Integer sbp = in.bpSystolic() == null ? null : systolicBp(in.bpSystolic());
        Integer hr = in.hrBpm() == null ? null : pulse(in.hrBpm());
        Integer acvpu = consciousness(in.consciousness());
        Integer temp = in.tempC() == null ? null : temperature(in.tempC());
        int aggregate = 0;
        boolean red = false;
        for (Integer sub : new Integer[] {rr, spo2, oxygen, sbp, hr, acvpu, temp}) {
            if (sub != null) {
                aggregate += sub;
                red |= sub == 3;
            }
        }
        return new News2Score(rr, spo2, oxygen, sbp, hr, acvpu, temp, in.spo2Scale(), aggregate,
                risk(aggregate, red), in);
    }

    /**
     * RCP 2017 chart 3: aggregate 0-4 low, a 3 in any single parameter low-medium (unless the aggregate is already
     * 5 or more), 5-6 medium, 7 or more high.
     */
    public static News2Risk risk(int aggregate, boolean redScore) {
        if (aggregate >= 7) {
            return News2Risk.HIGH;
        }
        if (aggregate >= 5) {
            return News2Risk.MEDIUM;
        }
        return redScore ? News2Risk.LOW_MEDIUM : News2Risk.LOW;
    }

    /**
     * RCP 2017 chart 4, minimum frequency of monitoring: aggregate 0 → every 12 hours; 1-4 → every 4-6 hours (the
     * stricter 4 is taken); a red score or 5-6 → at least hourly; 7 or more → continuous monitoring, which here means
     * a reading at least every {@code continuous}.
     */
    public static Duration monitoringInterval(News2Score score, Duration continuous) {
        if (score.aggregate() >= 7) {
            return continuous;
        }
        if (score.aggregate() >= 5 || score.hasRedScore()) {
            return ONE_HOUR;
        }
        return score.aggregate() >= 1 ? FOUR_HOURS : TWELVE_HOURS;
    }

    /**
     * The alerts of docs/api.md, Alert rules from a score: aggregate 5-6 → NEWS2_MEDIUM, 7 or more → NEWS2_HIGH (RCP
     * 2017 chart 3, medium and high clinical risk), a 3 in any single parameter → NEWS2_RED_SCORE (chart 3, red score;
     * raised alongside an aggregate alert, since the contract lists it as its own rule). A partial score raises them
     * too: its aggregate is a lower bound, so what it shows is certainly at least that bad.
     */
    public static List<Breach> breaches(News2Score score) {
        List<Breach> breaches = new ArrayList<>();
        if (score.aggregate() >= 7) {
            breaches.add(breach(score, AlertType.NEWS2_HIGH, "NEWS2_HIGH: aggregate >= 7 (RCP 2017 chart 3)",
                    "NEWS2 score " + score.aggregate() + ": high clinical risk"));
        } else if (score.aggregate() >= 5) {
            breaches.add(breach(score, AlertType.NEWS2_MEDIUM, "NEWS2_MEDIUM: aggregate 5-6 (RCP 2017 chart 3)",
                    "NEWS2 score " + score.aggregate() + ": medium clinical risk"));
        }
        if (score.hasRedScore()) {
            breaches.add(breach(score, AlertType.NEWS2_RED_SCORE,
                    "NEWS2_RED_SCORE: 3 in a single parameter (RCP 2017 chart 3)",
                    "NEWS2 red score (3) in " + String.join(", ", redParameters(score))));
        }
        return List.copyOf(breaches);
    }

    private static Breach breach(News2Score score, AlertType type, String rule, String message) {
        String scope = score.complete() ? "" : " (" + score.parametersScored() + " of " + News2Score.PARAMETERS
                + " parameters fresh; missing: " + String.join(", ", score.missing()) + ")";
        return new Breach(type, message + scope, rule, values(score), score);
    }

    /** The measurements behind the score, by contract field name; oxygen as 1 (on oxygen) or 0 (air). */
    private static Map<String, Double> values(News2Score score) {
        News2Inputs in = score.inputs();
        Map<String, Double> values = new LinkedHashMap<>();
        putIfPresent(values, "resp_rate", in.respRate());
        putIfPresent(values, "spo2_pct", in.spo2Pct());
        if (in.onOxygen() != null) {
            values.put("on_oxygen", in.onOxygen() ? 1.0 : 0.0);
        }
        putIfPresent(values, "bp_systolic", in.bpSystolic());
        putIfPresent(values, "hr_bpm", in.hrBpm());
        putIfPresent(values, "temp_c", in.tempC());
        values.put("news2_score", (double) score.aggregate());
        return values;
    }

    private static void putIfPresent(Map<String, Double> values, String name, Number value) {
        if (value != null) {
            values.put(name, value.doubleValue());
        }
    }

    private static List<String> redParameters(News2Score score) {
        List<String> red = new ArrayList<>();
        addIfThree(red, score.respirationRate(), "respiration rate");
        addIfThree(red, score.spo2(), "SpO2");
        addIfThree(red, score.systolicBp(), "systolic blood pressure");
        addIfThree(red, score.pulse(), "pulse");
        addIfThree(red, score.consciousness(), "consciousness");
        addIfThree(red, score.temperature(), "temperature");
        return red;
    }

    private static void addIfThree(List<String> red, Integer subScore, String name) {
        if (subScore != null && subScore == 3) {
            red.add(name);
        }
    }
}
