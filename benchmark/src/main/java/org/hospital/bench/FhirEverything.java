package org.hospital.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code benchmark.jar fhir-everything}: the FHIR {@code Encounter/{id}/$everything} of an encounter with 24 hours of
 * one-per-minute readings (docs/fhir.md; issue 18 asks for 300 ms). Admits one patient to a new ICU room, stores
 * 1,440 readings of the last 24 hours through {@code POST /vitals/batch} as the demo nurse, waits until the query
 * side shows all of them, then asks {@code $everything} as the attending demo doctor: a few warm-up requests, then
 * {@code --requests} timed ones, one after the other. Prints p50, p95, p99 and max (client-side, whole response read)
 * and the answer's size.
 *
 * <pre>benchmark.jar fhir-everything --base-url=http://localhost:18080 [--readings=1440] [--requests=50]
 *     [--warm-up=10]</pre>
 */
final class FhirEverything {

    private static final String PASSWORD = "password";

    private static final String USAGE =
            "usage: fhir-everything --base-url=URL [--readings=N] [--requests=N] [--warm-up=N]";

    private FhirEverything() {
    }

    static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = Options.keyValues(args, USAGE);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String baseUrl = Options.take(options, "base-url", "http://localhost:18080");
        int readings = Integer.parseInt(Options.take(options, "readings", "1440"));
        int requests = Integer.parseInt(Options.take(options, "requests", "50"));
        int warmUp = Integer.parseInt(Options.take(options, "warm-up", "10"));

        HttpApi api = new HttpApi(baseUrl, Duration.ofSeconds(60));
        String admin = api.login("admin", PASSWORD);
        String nurse = api.login("nurse_joy", PASSWORD);
        String doctor = api.login("dr_house", PASSWORD);
        BenchEncounter encounter = new EncounterSetup(api, admin, 1).admit(1).getFirst();

        Instant last = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant first = last.minus(Duration.ofMinutes(readings - 1L));
        for (int start = 0; start < readings; start += 1_000) {
            ObjectNode batch = HttpApi.JSON.createObjectNode();
            ArrayNode items = batch.putArray("readings");
            for (int i = start; i < Math.min(readings, start + 1_000); i++) {
                items.addObject().put("patient_id", encounter.patientId()).put("encounter_id", encounter.id())
                        .put("timestamp", first.plus(Duration.ofMinutes(i)).toString())
                        .put("hr_bpm", 70 + i % 15).put("spo2_pct", 96 + i % 3).put("temp_c", 36.6 + (i % 5) / 10.0)
                        .put("bp_systolic", 115 + i % 10).put("bp_diastolic", 75 + i % 5).put("resp_rate", 14 + i % 4);
            }
            api.post("/vitals/batch", nurse, batch.toString()).expect(202, "POST /vitals/batch");
        }
        System.out.printf("stored %d readings of encounter %d (%s to %s)%n", readings, encounter.id(), first, last);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest everything = HttpRequest.newBuilder(URI.create(baseUrl + "/fhir/r4/Encounter/" + encounter.id()
                        + "/%24everything")).header("Authorization", "Bearer " + doctor)
                .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60)).GET().build();
        int expectedVitalSigns = readings * 5;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            HttpResponse<String> response = client.send(everything, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("$everything answered " + response.statusCode() + ": "
                        + response.body());
            }
            int total = HttpApi.parse(response.body()).path("total").asInt();
            if (total >= expectedVitalSigns + 2) {
                System.out.printf("$everything holds %d resources (%d vital-sign observations, the encounter, the "
                        + "patient, NEWS2 and alerts)%n", total, expectedVitalSigns);
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the query side shows only " + total + " resources after 5 minutes");
            }
            Thread.sleep(500);
        }

        for (int i = 0; i < warmUp; i++) {
            client.send(everything, HttpResponse.BodyHandlers.ofByteArray());
        }
        long[] nanos = new long[requests];
        long bytes = 0;
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(everything, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("$everything answered " + response.statusCode());
            }
            bytes = response.body().length;
        }
        Percentiles latency = Percentiles.ofNanos(nanos);
        System.out.printf("$everything of %d readings, %d requests in sequence after %d warm-up: p50 %.1f ms, "
                        + "p95 %.1f ms, p99 %.1f ms, max %.1f ms; %d bytes per answer%n", readings, requests, warmUp,
                latency.p50Ms(), latency.p95Ms(), latency.p99Ms(), latency.maxMs(), bytes);
    }
}
