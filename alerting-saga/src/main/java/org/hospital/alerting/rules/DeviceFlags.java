package org.hospital.alerting.rules;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which measurements a reading's {@code device_flags} take out of evaluation (docs/api.md, Alert rules: flagged
 * readings are stored but not evaluated for the flagged parameter). The mapping:
 * <ul>
 *   <li>{@code probe_off}: {@code spo2_pct} and {@code hr_bpm}. A detached oximeter probe reports noise for both
 *       saturation and the pulse it derives.</li>
 *   <li>{@code motion_artifact}: {@code hr_bpm} and {@code spo2_pct}. Movement corrupts the optical and ECG pulse
 *       signals; temperature, blood pressure cuffs and respiration counts are read differently.</li>
 *   <li>a contract field name ({@code spo2_pct}, {@code temp_c}, {@code resp_rate} or its alias
 *       {@code resp_rate_bpm}, ...) or that name with the suffix {@code _unreliable}: that field only.</li>
 * </ul>
 * Flags are compared trimmed and case-insensitively. An unrecognised flag excludes nothing: silently dropping a
 * measurement could hide a deterioration, which is worse than a false alarm. It is reported so that operators can
 * extend this mapping.
 */
public final class DeviceFlags {

    private static final String UNRELIABLE_SUFFIX = "_unreliable";

    private static final Map<String, Set<Measurement>> SIGNAL_FLAGS = Map.of(
            "probe_off", EnumSet.of(Measurement.SPO2_PCT, Measurement.HR_BPM),
            "motion_artifact", EnumSet.of(Measurement.HR_BPM, Measurement.SPO2_PCT));

    private DeviceFlags() {
    }

    /** What a reading's flags mean for evaluation. */
    public record Interpretation(Set<Measurement> excluded, Set<String> unrecognised) {

        public Interpretation {
            excluded = excluded.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(excluded));
            unrecognised = Set.copyOf(unrecognised);
        }
    }

    public static Interpretation interpret(Collection<String> flags) {
        Set<Measurement> excluded = EnumSet.noneOf(Measurement.class);
        Set<String> unrecognised = new LinkedHashSet<>();
        if (flags != null) {
            for (String raw : flags) {
                if (raw == null || raw.isBlank()) {
                    continue;
                }
                String flag = raw.trim().toLowerCase(Locale.ROOT);
                measurementsFlaggedBy(flag).ifPresentOrElse(excluded::addAll, () -> unrecognised.add(flag));
            }
        }
        return new Interpretation(excluded, unrecognised);
    }

    private static Optional<Set<Measurement>> measurementsFlaggedBy(String flag) {
        Set<Measurement> signal = SIGNAL_FLAGS.get(flag);
        if (signal != null) {
            return Optional.of(signal);
        }
        String field = flag.endsWith(UNRELIABLE_SUFFIX)
                ? flag.substring(0, flag.length() - UNRELIABLE_SUFFIX.length())
                : flag;
        return Measurement.ofFieldName(field).map(EnumSet::of);
    }
}
