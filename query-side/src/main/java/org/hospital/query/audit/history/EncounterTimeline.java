package org.hospital.query.audit.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hospital.events.AlertAcknowledged;
import org.hospital.events.AlertEscalated;
import org.hospital.events.AlertRaised;
import org.hospital.events.AlertRepeated;
import org.hospital.events.AlertResolved;
import org.hospital.events.News2Scored;
import org.hospital.events.ObservationRecorded;
import org.hospital.events.PatientAdmitted;
import org.hospital.events.PatientDischarged;
import org.hospital.events.PatientTransferred;
import org.hospital.events.Spo2ScaleChanged;
import org.hospital.events.VitalsRecorded;
import org.hospital.query.audit.history.EncounterAsOf.Measurement;
import org.hospital.query.audit.history.EncounterAsOf.News2;
import org.hospital.query.audit.history.EncounterAsOf.OpenAlert;
import org.hospital.query.audit.history.EncounterAsOf.Room;

/**
 * Folds an encounter's history, in order, into its state at an instant: the events themselves are the only input,
 * never the current views. Events stored after the instant are ignored; event types the fold does not know (added
 * later) are skipped, so an old history and a new one both replay.
 */
final class EncounterTimeline {

    /** The measured parameters in the order of docs/api.md, Readings, each with how to read it from a reading. */
    private static final Map<String, Function<VitalsRecorded, Object>> PARAMETERS = parameters();

    private final long encounterId;
    private String status;
    private Long patientId;
    private Long doctorId;
    private Room room;
    private Instant admittedAt;
    private Instant dischargedAt;
    private final Map<String, Measurement> latestVitals = new LinkedHashMap<>();
    private News2 news2;
    private int spo2Scale = 1;
    private final Map<Long, OpenAlert> openAlerts = new LinkedHashMap<>();
    private int observationsCount;
    private int eventsApplied;
    private Long lastSequence;

    EncounterTimeline(long encounterId) {
        this.encounterId = encounterId;
        PARAMETERS.keySet().forEach(name -> latestVitals.put(name, null));
    }

    /** The state at {@code asOf} of the encounter whose history (in order) is {@code history}. */
    static EncounterAsOf stateAt(long encounterId, Instant asOf, List<RecordedEvent> history) {
        EncounterTimeline timeline = new EncounterTimeline(encounterId);
        for (RecordedEvent recorded : history) {
            if (!recorded.occurredAt().isAfter(asOf)) {
                timeline.apply(recorded);
            }
        }
        return timeline.state(asOf);
    }

    void apply(RecordedEvent recorded) {
        switch (recorded.event()) {
            case PatientAdmitted e -> {
                status = "active";
                patientId = e.patientId();
                doctorId = e.doctorId();
                room = new Room(e.roomId(), e.roomNumber(), e.ward());
                admittedAt = e.admittedAt();
            }
            case PatientTransferred e -> room = new Room(e.toRoomId(), e.toRoomNumber(), e.toWard());
            case PatientDischarged e -> {
                status = "discharged";
                dischargedAt = e.dischargedAt();
            }
            case VitalsRecorded e -> PARAMETERS.forEach((name, read) -> {
                Object value = read.apply(e);
                if (value != null && isNewer(e, latestVitals.get(name))) {
                    latestVitals.put(name, new Measurement(value, e.timestamp(), e.readingId()));
                }
            });
            case ObservationRecorded e -> observationsCount++;
            case News2Scored e -> news2 = new News2(e.score(), e.risk(), e.scoredAt());
            case Spo2ScaleChanged e -> spo2Scale = e.scale();
            case AlertRaised e -> openAlerts.putIfAbsent(e.alertId(), new OpenAlert(e.alertId(), e.type(),
                    e.severity(), e.message(), e.timestamp(), "open", false, 1, e.timestamp(), 0));
            case AlertRepeated e -> openAlerts.computeIfPresent(e.alertId(), (id, a) -> new OpenAlert(a.id(),
                    a.type(), e.severity(), a.message(), a.timestamp(), a.status(), a.acknowledged(),
                    Math.max(a.occurrences(), e.occurrences()), later(a.lastSeenAt(), e.lastSeenAt()),
                    a.escalationLevel()));
            case AlertAcknowledged e -> openAlerts.computeIfPresent(e.alertId(), (id, a) -> new OpenAlert(a.id(),
                    a.type(), a.severity(), a.message(), a.timestamp(), "acknowledged", true, a.occurrences(),
                    a.lastSeenAt(), a.escalationLevel()));
            case AlertEscalated e -> openAlerts.computeIfPresent(e.alertId(), (id, a) -> new OpenAlert(a.id(),
                    a.type(), e.severity() != null ? e.severity() : a.severity(), a.message(), a.timestamp(),
                    a.status(), a.acknowledged(), a.occurrences(), a.lastSeenAt(),
                    Math.max(a.escalationLevel(), e.level())));
            case AlertResolved e -> openAlerts.remove(e.alertId());
            default -> {
                // A type this version does not fold: it stays in the history but changes no state.
            }
        }
        eventsApplied++;
        lastSequence = recorded.sequence();
    }

    EncounterAsOf state(Instant asOf) {
        List<OpenAlert> alerts = new ArrayList<>(openAlerts.values());
        Collections.reverse(alerts);
        return new EncounterAsOf(encounterId, asOf, status, patientId, doctorId, room, admittedAt, dischargedAt,
                Collections.unmodifiableMap(new LinkedHashMap<>(latestVitals)), news2, spo2Scale,
                List.copyOf(alerts), observationsCount, eventsApplied, lastSequence);
    }

    /** A reading replaces the latest value if it was measured later; same instant: the later reading id wins. */
    private static boolean isNewer(VitalsRecorded reading, Measurement current) {
        if (current == null) {
            return true;
        }
        int byTime = reading.timestamp().compareTo(current.timestamp());
        return byTime > 0 || (byTime == 0 && reading.readingId() > current.readingId());
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Map<String, Function<VitalsRecorded, Object>> parameters() {
        Map<String, Function<VitalsRecorded, Object>> parameters = new LinkedHashMap<>();
        parameters.put("hr_bpm", VitalsRecorded::hrBpm);
        parameters.put("spo2_pct", VitalsRecorded::spo2Pct);
        parameters.put("temp_c", VitalsRecorded::tempC);
        parameters.put("bp_systolic", VitalsRecorded::bpSystolic);
        parameters.put("bp_diastolic", VitalsRecorded::bpDiastolic);
        parameters.put("resp_rate", VitalsRecorded::respRate);
        parameters.put("on_oxygen", VitalsRecorded::onOxygen);
        parameters.put("consciousness", VitalsRecorded::consciousness);
        return Collections.unmodifiableMap(parameters);
    }
}
