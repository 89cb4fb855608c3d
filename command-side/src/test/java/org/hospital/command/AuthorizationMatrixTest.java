package org.hospital.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.hospital.command.identity.UserAccounts;
import org.hospital.events.RaiseAlert;
import org.hospital.platform.security.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Every command-side endpoint with every kind of caller (docs/api.md, Roles, deny by default): each role, an owner and
 * a same-role non-owner (another doctor, a nurse of another ward, another room's device), and no credentials at all.
 * Each case gets a fresh encounter in a fresh ICU room attended by dr_house, with an open alert and a device in its
 * room, so that allowed calls succeed and nothing one case does changes another. An allowed call must answer with
 * what it did and store it; a refused one (or a batch reading rejected) must store nothing.
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

    @Autowired
    JdbcTemplate jdbc;

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
        Credential credential = credential(caller, scene);
        Request request = request(endpoint, scene);
        long sceneBefore = sceneEvents(scene);
        Reply reply = send(request.method(), request.path(), credential, request.body());
        assertThat(reply.status()).as(endpoint + " by " + caller + ": " + reply.body()).isEqualTo(status);
        boolean rejectedInBatch = endpoint == Endpoint.VITALS_BATCH && NON_OWNERS.contains(caller);
        if (endpoint == Endpoint.VITALS_BATCH && status == 202) {
            assertThat(reply.data().path("results").get(0).path("status").asString())
                    .isEqualTo(rejectedInBatch ? "rejected" : "received");
        }
        if (status == 404 || status == 403 || status == 401) {
            assertThat(reply.body().path("status").asString()).isEqualTo("error");
            assertThat(reply.header("X-Event-Position")).isEmpty();
        }
        String requestId = reply.header("X-Request-Id").orElseThrow();
        if (status >= 400 || rejectedInBatch) {
            assertThat(storedBy(requestId)).as(endpoint + " refused to " + caller + " stored nothing").isZero();
            assertThat(sceneEvents(scene)).as(endpoint + " refused to " + caller + " changed nothing it names")
                    .isEqualTo(sceneBefore);
        } else {
            assertThat(reply.body().path("status").asString()).isEqualTo("success");
            request.answer().accept(reply.data(), caller);
            if (endpoint != Endpoint.WHO_AM_I) {
                assertThat(storedBy(requestId)).as(endpoint + " by " + caller + " stored something").isPositive();
            }
        }
    }

    /**
     * What the request stored: the events it appended (their metadata carry its request id) and the identity
     * changes it made (accounts and device keys are rows, each change audited with the request id).
     */
    private long storedBy(String requestId) {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM domain_event_entry
                        WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'request_id' = ?)
                     + (SELECT count(*) FROM identity_audit WHERE request_id = ?)""", Long.class, requestId, requestId);
    }

    /** The events of the case's own patient, encounter and alert, whoever appended them. */
    private long sceneEvents(Scene scene) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier IN (?, ?, ?)""", Long.class,
                "patient-" + scene.patientId(), "encounter-" + scene.encounterId(), "alert-" + scene.alertId());
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

    /** A call prepared (anything it acts on created first), and what an allowed call must answer. */
    record Request(String method, String path, Object body, BiConsumer<JsonNode, Caller> answer) {
    }

    private Request request(Endpoint endpoint, Scene scene) {
        Instant at = recently();
        Credential admin = users().get(Caller.ADMIN);
        return switch (endpoint) {
            case CREATE_PATIENT -> new Request("POST", "/patients", Map.of("name", "Authz Patient",
                    "date_of_birth", "1960-02-03", "gender", "O"), (data, caller) -> {
                        assertThat(data.path("name").asString()).isEqualTo("Authz Patient");
                        assertThat(data.path("date_of_birth").asString()).isEqualTo("1960-02-03");
                        assertThat(data.path("id").asLong()).isPositive();
                    });
            case CREATE_DOCTOR -> new Request("POST", "/doctors", Map.of("name", "Dr Authz"), (data, caller) -> {
                assertThat(data.path("name").asString()).isEqualTo("Dr Authz");
                assertThat(data.path("id").asLong()).isPositive();
            });
            case CREATE_NURSE -> new Request("POST", "/nurses", Map.of("name", "Authz Nurse", "ward", "ICU"),
                    (data, caller) -> {
                        assertThat(data.path("name").asString()).isEqualTo("Authz Nurse");
                        assertThat(data.path("ward").asString()).isEqualTo("ICU");
                    });
            case CREATE_ROOM -> {
                String number = unique("A");
                yield new Request("POST", "/rooms", Map.of("room_number", number, "ward", "ICU"), (data, caller) -> {
                    assertThat(data.path("room_number").asString()).isEqualTo(number);
                    assertThat(data.path("ward").asString()).isEqualTo("ICU");
                });
            }
            case ISSUE_DEVICE -> new Request("POST", "/devices", Map.of("room_id", scene.roomId()), (data, caller) -> {
                assertThat(data.path("room_id").asLong()).isEqualTo(scene.roomId());
                assertThat(data.path("key").asString()).isNotBlank();
                assertThat(data.path("status").asString()).isEqualTo("active");
            });
            case REVOKE_DEVICE -> {
                long device = accounts.issueDevice(scene.roomId(), "revoke-me").deviceId();
                yield new Request("DELETE", "/devices/" + device, null, (data, caller) -> {
                    assertThat(data.path("id").asLong()).isEqualTo(device);
                    assertThat(data.path("status").asString()).isEqualTo("revoked");
                });
            }
            case CREATE_USER -> {
                String username = unique("authz");
                yield new Request("POST", "/users", Map.of("username", username, "password", STRONG_PASSWORD,
                        "role", "auditor"), (data, caller) -> {
                            assertThat(data.path("username").asString()).isEqualTo(username);
                            assertThat(data.path("role").asString()).isEqualTo("auditor");
                            assertThat(data.path("active").asBoolean()).isTrue();
                            assertThat(data.has("password_hash")).isFalse();
                        });
            }
            case DEACTIVATE_USER -> {
                long user = accounts.createUser(unique("leaver"), STRONG_PASSWORD, Role.AUDITOR, null, null, null);
                yield new Request("POST", "/users/" + user + "/deactivate", null, (data, caller) -> {
                    assertThat(data.path("id").asLong()).isEqualTo(user);
                    assertThat(data.path("active").asBoolean()).isFalse();
                });
            }
            case ADMIT -> {
                long patient = newPatient(admin);
                long room = newRoom(admin, "ICU");
                yield new Request("POST", "/encounters", Map.of("patient_id", patient, "doctor_id", attendingDoctor,
                        "room_id", room), (data, caller) -> {
                            assertThat(data.path("patient_id").asLong()).isEqualTo(patient);
                            assertThat(data.path("doctor_id").asLong()).isEqualTo(attendingDoctor);
                            assertThat(data.path("room_id").asLong()).isEqualTo(room);
                            assertThat(data.path("status").asString()).isEqualTo("active");
                        });
            }
            case DISCHARGE -> new Request("POST", "/encounters/" + scene.encounterId() + "/discharge", null,
                    (data, caller) -> {
                        assertThat(data.path("id").asLong()).isEqualTo(scene.encounterId());
                        assertThat(data.path("status").asString()).isEqualTo("discharged");
                    });
            case TRANSFER -> {
                long room = newRoom(admin, "ICU");
                yield new Request("POST", "/encounters/" + scene.encounterId() + "/transfer", Map.of("room_id", room),
                        (data, caller) -> {
                            assertThat(data.path("id").asLong()).isEqualTo(scene.encounterId());
                            assertThat(data.path("room_id").asLong()).isEqualTo(room);
                        });
            }
            case VITALS -> new Request("POST", "/vitals", reading(scene.patientId(), scene.encounterId(), at, 80),
                    (data, caller) -> {
                        assertThat(data.path("id").asLong()).isPositive();
                        assertThat(data.path("status").asString()).isEqualTo("received");
                    });
            case VITALS_BATCH -> new Request("POST", "/vitals/batch",
                    Map.of("readings", List.of(reading(scene.patientId(), scene.encounterId(), at, 80))),
                    (data, caller) -> assertThat(data.path("results").get(0).path("id").asLong()).isPositive());
            case OBSERVATION -> new Request("POST", "/observations", Map.of("encounter_id", scene.encounterId(),
                    "note", "Comfortable."), (data, caller) -> {
                        assertThat(data.path("id").asLong()).isPositive();
                        assertThat(data.path("status").asString()).isEqualTo("created");
                    });
            case ACKNOWLEDGE -> new Request("PATCH", "/alerts/" + scene.alertId() + "/acknowledge", null,
                    (data, caller) -> {
                        assertThat(data.path("id").asLong()).isEqualTo(scene.alertId());
                        assertThat(data.path("status").asString()).isEqualTo("acknowledged");
                    });
            case RESOLVE -> new Request("PATCH", "/alerts/" + scene.alertId() + "/resolve",
                    Map.of("reason", "treated"), (data, caller) -> {
                        assertThat(data.path("id").asLong()).isEqualTo(scene.alertId());
                        assertThat(data.path("status").asString()).isEqualTo("resolved");
                    });
            case SPO2_SCALE -> new Request("PUT", "/encounters/" + scene.encounterId() + "/spo2-scale",
                    Map.of("scale", 2), (data, caller) -> {
                        assertThat(data.path("encounter_id").asLong()).isEqualTo(scene.encounterId());
                        assertThat(data.path("spo2_scale").asInt()).isEqualTo(2);
                    });
            case WHO_AM_I -> new Request("GET", "/auth/me", null, (data, caller) -> assertThat(
                    data.path("role").asString()).isEqualTo(switch (caller) {
                        case ADMIN -> "admin";
                        case DOCTOR, OTHER_DOCTOR -> "doctor";
                        case NURSE, OTHER_NURSE -> "nurse";
                        case PATIENT -> "patient";
                        case AUDITOR -> "auditor";
                        case DEVICE, OTHER_DEVICE -> "device";
                        case ANONYMOUS -> throw new IllegalArgumentException("anonymous is refused");
                    }));
        };
    }
}
