package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hospital.command.identity.UserAccounts;
import org.hospital.events.RaiseAlert;
import org.hospital.platform.security.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every command-side endpoint with every kind of caller (docs/api.md, Roles, deny by default): each role, an owner and
 * a same-role non-owner (another doctor, a nurse of another ward, another room's device), and no credentials at all.
 * Each case gets a fresh encounter in a fresh ICU room attended by dr_house, with an open alert and a device in its
 * room, so that allowed calls succeed and nothing one case does changes another.
 */
class AuthorizationMatrixTest extends CommandSideHttpTest {

    enum Caller { ADMIN, DOCTOR, OTHER_DOCTOR, NURSE, OTHER_NURSE, PATIENT, AUDITOR, DEVICE, OTHER_DEVICE, ANONYMOUS }

    enum Endpoint {
        CREATE_PATIENT, CREATE_DOCTOR, CREATE_NURSE, CREATE_ROOM, ISSUE_DEVICE, REVOKE_DEVICE, CREATE_USER,
        DEACTIVATE_USER, ADMIT, DISCHARGE, TRANSFER, VITALS, VITALS_BATCH, OBSERVATION, ACKNOWLEDGE, RESOLVE,
        SPO2_SCALE, WHO_AM_I
    }

    private static final Set<Endpoint> ADMIN_ONLY = Set.of(Endpoint.CREATE_PATIENT, Endpoint.CREATE_DOCTOR,
            Endpoint.CREATE_NURSE, Endpoint.CREATE_ROOM, Endpoint.ISSUE_DEVICE, Endpoint.REVOKE_DEVICE,
            Endpoint.CREATE_USER, Endpoint.DEACTIVATE_USER);
    private static final Set<Caller> NON_OWNERS = Set.of(Caller.OTHER_DOCTOR, Caller.OTHER_NURSE,
            Caller.OTHER_DEVICE);

    /** Logins are slow on purpose (BCrypt); one per kind of caller for the whole class. */
    private static final Map<Caller, Credential> USERS = new EnumMap<>(Caller.class);
    private static long attendingDoctor;
    private static long otherDeviceRoom;
    private static String otherDeviceKey;

    @Autowired
    UserAccounts accounts;

    @Autowired
    CommandGateway commands;

    /** The status docs/api.md, Roles prescribes; batch non-owners get 202 with the reading rejected. */
    static int expected(Endpoint endpoint, Caller caller) {
        if (caller == Caller.ANONYMOUS) {
            return 401;
        }
        if (ADMIN_ONLY.contains(endpoint)) {
            return caller != Caller.ADMIN ? 403
                    : endpoint == Endpoint.REVOKE_DEVICE || endpoint == Endpoint.DEACTIVATE_USER ? 200 : 201;
        }
        return switch (endpoint) {
            case ADMIT -> switch (caller) {
                case ADMIN, DOCTOR, OTHER_DOCTOR, NURSE -> 201;
                default -> 403;
            };
            case DISCHARGE, TRANSFER, ACKNOWLEDGE, RESOLVE -> switch (caller) {
                case ADMIN, DOCTOR, NURSE -> 200;
                case OTHER_DOCTOR, OTHER_NURSE -> 404;
                default -> 403;
            };
            case VITALS -> switch (caller) {
                case NURSE, DEVICE -> 201;
                case OTHER_NURSE, OTHER_DEVICE -> 404;
                default -> 403;
            };
            case VITALS_BATCH -> switch (caller) {
                case NURSE, DEVICE, OTHER_NURSE, OTHER_DEVICE -> 202;
                default -> 403;
            };
            case SPO2_SCALE -> switch (caller) {
                case DOCTOR, NURSE -> 200;
                case OTHER_DOCTOR, OTHER_NURSE -> 404;
                default -> 403;
            };
            case OBSERVATION -> switch (caller) {
                case DOCTOR, NURSE -> 201;
                case OTHER_DOCTOR, OTHER_NURSE -> 404;
                default -> 403;
            };
            // Every signed-in caller, a device included, may ask who it is signed in as.
            case WHO_AM_I -> 200;
            default -> throw new IllegalArgumentException(endpoint.name());
        };
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(endpoint, caller, expected(endpoint, caller)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("cases")
    void answersEachCallerAsTheContractSays(Endpoint endpoint, Caller caller, int status) {
        Scene scene = scene();
        Reply reply = call(endpoint, scene, credential(caller, scene));
        assertThat(reply.status()).as(endpoint + " by " + caller + ": " + reply.body()).isEqualTo(status);
        if (endpoint == Endpoint.VITALS_BATCH && status == 202) {
            assertThat(reply.data().path("results").get(0).path("status").asString())
                    .isEqualTo(NON_OWNERS.contains(caller) ? "rejected" : "received");
        }
        if (status == 404 || status == 403 || status == 401) {
            assertThat(reply.body().path("status").asString()).isEqualTo("error");
            assertThat(reply.header("X-Event-Position")).isEmpty();
        }
    }

    /** What one case acts on. */
    record Scene(long roomId, long patientId, long encounterId, long alertId, String deviceKey) {
    }

    private Scene scene() {
        Credential admin = users().get(Caller.ADMIN);
        long room = newRoom(admin, "ICU");
        long patient = newPatient(admin);
        long encounter = admit(admin, patient, attendingDoctor, room);
        Long alertId = commands.<java.util.Optional<Long>>sendAndWait(new RaiseAlert("authz:" + UUID.randomUUID(),
                encounter, patient, "TACHYCARDIA", "high", "High Heart Rate detected: 140 BPM", recently(), 1))
                .orElseThrow();
        String key = accounts.issueDevice(room, "authz-" + room).key();
        return new Scene(room, patient, encounter, alertId, key);
    }

    private Map<Caller, Credential> users() {
        synchronized (USERS) {
            if (USERS.isEmpty()) {
                Credential admin = demo("admin");
                USERS.put(Caller.ADMIN, admin);
                Credential house = demo("dr_house");
                attendingDoctor = ok("GET", "/auth/me", house, null).path("doctor_id").asLong();
                USERS.put(Caller.DOCTOR, house);
                USERS.put(Caller.NURSE, demo("nurse_joy"));
                USERS.put(Caller.PATIENT, demo("patient_1"));
                USERS.put(Caller.AUDITOR, demo("auditor"));
                String otherDoctor = unique("dr.other");
                newDoctor(admin, otherDoctor);
                USERS.put(Caller.OTHER_DOCTOR, login(otherDoctor, STRONG_PASSWORD));
                String otherNurse = unique("nurse.general");
                newNurse(admin, "General", otherNurse);
                USERS.put(Caller.OTHER_NURSE, login(otherNurse, STRONG_PASSWORD));
                otherDeviceRoom = newRoom(admin, "General");
                otherDeviceKey = deviceKey(admin, otherDeviceRoom);
            }
            return USERS;
        }
    }

    private Credential credential(Caller caller, Scene scene) {
        return switch (caller) {
            case ANONYMOUS -> null;
            case DEVICE -> Credential.deviceKey(scene.deviceKey());
            case OTHER_DEVICE -> {
                users();
                yield Credential.deviceKey(otherDeviceKey);
            }
            default -> users().get(caller);
        };
    }

    private Reply call(Endpoint endpoint, Scene scene, Credential credential) {
        Instant at = recently();
        return switch (endpoint) {
            case CREATE_PATIENT -> send("POST", "/patients", credential, Map.of("name", "Authz Patient",
                    "date_of_birth", "1960-02-03", "gender", "O"));
            case CREATE_DOCTOR -> send("POST", "/doctors", credential, Map.of("name", "Dr Authz"));
            case CREATE_NURSE -> send("POST", "/nurses", credential, Map.of("name", "Authz Nurse", "ward", "ICU"));
            case CREATE_ROOM -> send("POST", "/rooms", credential, Map.of("room_number", unique("A"),
                    "ward", "ICU"));
            case ISSUE_DEVICE -> send("POST", "/devices", credential, Map.of("room_id", scene.roomId()));
            case REVOKE_DEVICE -> send("DELETE", "/devices/" + accounts.issueDevice(scene.roomId(), "revoke-me")
                    .deviceId(), credential, null);
            case CREATE_USER -> send("POST", "/users", credential, Map.of("username", unique("authz"),
                    "password", STRONG_PASSWORD, "role", "auditor"));
            case DEACTIVATE_USER -> send("POST", "/users/" + accounts.createUser(unique("leaver"), STRONG_PASSWORD,
                    Role.AUDITOR, null, null, null) + "/deactivate", credential, null);
            case ADMIT -> send("POST", "/encounters", credential, Map.of("patient_id",
                    newPatient(users().get(Caller.ADMIN)), "doctor_id", attendingDoctor, "room_id",
                    newRoom(users().get(Caller.ADMIN), "ICU")));
            case DISCHARGE -> send("POST", "/encounters/" + scene.encounterId() + "/discharge", credential, null);
            case TRANSFER -> send("POST", "/encounters/" + scene.encounterId() + "/transfer", credential,
                    Map.of("room_id", newRoom(users().get(Caller.ADMIN), "ICU")));
            case VITALS -> send("POST", "/vitals", credential, reading(scene.patientId(), scene.encounterId(), at,
                    80));
            case VITALS_BATCH -> send("POST", "/vitals/batch", credential,
                    Map.of("readings", List.of(reading(scene.patientId(), scene.encounterId(), at, 80))));
            case OBSERVATION -> send("POST", "/observations", credential, Map.of("encounter_id",
                    scene.encounterId(), "note", "Comfortable."));
            case ACKNOWLEDGE -> send("PATCH", "/alerts/" + scene.alertId() + "/acknowledge", credential, null);
            case RESOLVE -> send("PATCH", "/alerts/" + scene.alertId() + "/resolve", credential,
                    Map.of("reason", "treated"));
            case SPO2_SCALE -> send("PUT", "/encounters/" + scene.encounterId() + "/spo2-scale", credential,
                    Map.of("scale", 2));
            case WHO_AM_I -> send("GET", "/auth/me", credential, null);
        };
    }
}
