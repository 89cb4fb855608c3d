package org.hospital.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one ICU room and one patient per encounter and admits them under doctor 1 (the demo's dr_house), with a
 * bounded number of requests in flight. Room numbers carry a run tag so a rerun against the same system never
 * collides with an earlier run.
 */
public final class EncounterSetup {

    private static final Logger LOG = LoggerFactory.getLogger(EncounterSetup.class);
    /** The demo nurse's ward: she may post vitals only for encounters in rooms of this ward. */
    public static final String WARD = "ICU";
    private static final long DOCTOR_ID = 1;

    private final HttpApi api;
    private final String adminToken;
    private final int parallelism;

    public EncounterSetup(HttpApi api, String adminToken, int parallelism) {
        this.api = api;
        this.adminToken = adminToken;
        this.parallelism = parallelism;
    }

    public List<BenchEncounter> admit(int count) {
        String runTag = "b" + Long.toString(System.currentTimeMillis() / 1000, 36);
        Semaphore inFlight = new Semaphore(parallelism);
        List<Future<BenchEncounter>> futures = new ArrayList<>(count);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                String roomNumber = runTag + "-" + i;
                int index = i;
                futures.add(executor.submit(() -> {
                    inFlight.acquire();
                    try {
                        return admitOne(roomNumber, index);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<BenchEncounter> encounters = new ArrayList<>(count);
            for (Future<BenchEncounter> future : futures) {
                encounters.add(future.get());
                if (encounters.size() % 200 == 0) {
                    LOG.info("admitted {} of {} encounters", encounters.size(), count);
                }
            }
            return List.copyOf(encounters);
        } catch (Exception e) {
            throw new IllegalStateException("setup failed: " + e.getMessage(), e);
        }
    }

    private BenchEncounter admitOne(String roomNumber, int index) {
        long roomId = api.post("/rooms", adminToken, HttpApi.JSON.createObjectNode()
                        .put("room_number", roomNumber).put("ward", WARD).toString())
                .expect(201, "POST /rooms").data().path("id").asLong();
        long patientId = api.post("/patients", adminToken, HttpApi.JSON.createObjectNode()
                        .put("name", "Benchmark Patient " + roomNumber)
                        .put("date_of_birth", "19" + (40 + index % 60) + "-01-01")
                        .put("gender", "U").toString())
                .expect(201, "POST /patients").data().path("id").asLong();
        long encounterId = api.post("/encounters", adminToken, HttpApi.JSON.createObjectNode()
                        .put("patient_id", patientId).put("doctor_id", DOCTOR_ID).put("room_id", roomId).toString())
                .expect(201, "POST /encounters").data().path("id").asLong();
        return new BenchEncounter(encounterId, patientId);
    }
}
