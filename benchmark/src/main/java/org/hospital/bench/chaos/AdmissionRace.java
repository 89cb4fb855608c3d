package org.hospital.bench.chaos;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.hospital.bench.EncounterSetup;
import org.hospital.bench.HttpApi;

/**
 * Two simultaneous admissions through the two command instances that cannot both succeed: in even rounds two
 * patients for one free room, in odd rounds one patient into two free rooms. At most one may get 201; when both
 * instances answer, exactly one must. Rooms and patients are made up front, so a round costs two requests.
 */
final class AdmissionRace {

    private static final long DOCTOR_ID = 1;

    private record Slot(long roomA, long roomB, long patientA, long patientB) {
    }

    /** One round: what each instance answered ("HTTP 201", "HTTP 409 CONFLICT", "refused", ...). */
    record Round(int round, String contested, String first, String second) {

        int admitted() {
            return (first.equals("HTTP 201") ? 1 : 0) + (second.equals("HTTP 201") ? 1 : 0);
        }

        /**
         * Both instances gave an answer other than 503 (refused, nothing stored, e.g. while PostgreSQL is down), so
         * the system itself decided between them.
         */
        boolean decided() {
            return answered(first) && answered(second);
        }

        private static boolean answered(String outcome) {
            return outcome.startsWith("HTTP") && !outcome.startsWith("HTTP 503");
        }
    }

    private final List<HttpApi> commandApis;
    private final String adminToken;
    private final List<Slot> slots = new ArrayList<>();
    private final List<Round> rounds = new CopyOnWriteArrayList<>();

    AdmissionRace(List<HttpApi> commandApis, String adminToken) {
        this.commandApis = commandApis;
        this.adminToken = adminToken;
    }

    /** Makes the rooms and patients of {@code count} rounds through the first instance. */
    void prepare(int count) {
        String tag = "race" + Long.toString(System.currentTimeMillis() / 1000, 36);
        HttpApi api = commandApis.getFirst();
        for (int i = 0; i < count; i++) {
            slots.add(new Slot(room(api, tag + "-" + i + "a"), room(api, tag + "-" + i + "b"),
                    patient(api, tag + "-" + i + "a"), patient(api, tag + "-" + i + "b")));
        }
    }

    int prepared() {
        return slots.size();
    }

    /** Runs round {@code round} (both requests at once) and waits for both answers. */
    Round run(int round) {
        Slot slot = slots.get(round);
        boolean sameRoom = round % 2 == 0;
        String first = admission(slot.patientA, slot.roomA);
        String second = sameRoom ? admission(slot.patientB, slot.roomA) : admission(slot.patientA, slot.roomB);
        CompletableFuture<String> a = commandApis.get(0).postAsync("/encounters", adminToken, first)
                .handle(AdmissionRace::outcome);
        CompletableFuture<String> b = commandApis.get(1).postAsync("/encounters", adminToken, second)
                .handle(AdmissionRace::outcome);
        Round result = new Round(round, sameRoom ? "room" : "patient", a.join(), b.join());
        rounds.add(result);
        return result;
    }

    List<Round> rounds() {
        return List.copyOf(rounds);
    }

    /** Room ids of every round, for the check that none is booked twice. */
    List<Long> roomIds() {
        return slots.stream().flatMap(slot -> Stream.of(slot.roomA, slot.roomB)).toList();
    }

    private static String outcome(HttpResponse<String> response, Throwable failure) {
        return response != null ? ChaosLoad.label(response) : ChaosLoad.label(failure);
    }

    private static String admission(long patientId, long roomId) {
        return HttpApi.JSON.createObjectNode().put("patient_id", patientId).put("doctor_id", DOCTOR_ID)
                .put("room_id", roomId).toString();
    }

    private long room(HttpApi api, String number) {
        return api.post("/rooms", adminToken, HttpApi.JSON.createObjectNode().put("room_number", number)
                .put("ward", EncounterSetup.WARD).toString()).expect(201, "POST /rooms").data().path("id").asLong();
    }

    private long patient(HttpApi api, String tag) {
        return api.post("/patients", adminToken, HttpApi.JSON.createObjectNode().put("name", "Race Patient " + tag)
                .put("date_of_birth", "1970-01-01").put("gender", "U").toString())
                .expect(201, "POST /patients").data().path("id").asLong();
    }
}
