-- The command side's lookups of the register (patients, doctors, nurses, rooms). The events are the source of
-- truth; these rows are written from them in the same transaction (processing group command-lookups) so that
-- commands can check references. Ids come from sequences, so a fresh database numbers everything from 1.

CREATE SEQUENCE patient_id_seq;
CREATE SEQUENCE doctor_id_seq;
CREATE SEQUENCE nurse_id_seq;
CREATE SEQUENCE room_id_seq;

CREATE TABLE patient (
    id            BIGINT       PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    date_of_birth DATE         NOT NULL,
    gender        CHAR(1)      NOT NULL
);

CREATE TABLE doctor (
    id      BIGINT       PRIMARY KEY,
    name    VARCHAR(200) NOT NULL,
    user_id BIGINT
);

CREATE TABLE nurse (
    id      BIGINT       PRIMARY KEY,
    name    VARCHAR(200) NOT NULL,
    ward    VARCHAR(100) NOT NULL,
    user_id BIGINT
);

CREATE TABLE room (
    id          BIGINT       PRIMARY KEY,
    room_number VARCHAR(20)  NOT NULL UNIQUE,
    ward        VARCHAR(100) NOT NULL
);
