-- The set-based guard of admissions: one row per active encounter. UNIQUE patient_id and UNIQUE room_id make a
-- double booking impossible even under concurrent admissions; the row changes in the same transaction as the
-- event that admits, transfers or discharges.

CREATE SEQUENCE encounter_id_seq;
CREATE SEQUENCE reading_id_seq;
CREATE SEQUENCE observation_id_seq;

CREATE TABLE active_encounter (
    encounter_id BIGINT       PRIMARY KEY,
    patient_id   BIGINT       NOT NULL UNIQUE REFERENCES patient (id),
    room_id      BIGINT       NOT NULL UNIQUE REFERENCES room (id),
    doctor_id    BIGINT       NOT NULL REFERENCES doctor (id),
    ward         VARCHAR(100) NOT NULL
);
