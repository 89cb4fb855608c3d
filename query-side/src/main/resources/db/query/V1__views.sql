-- Read models of the query side, fed only from domain events (never from the command side's tables).
-- Every row is keyed by the id its event carries, so a redelivered event finds its row and changes nothing.
-- Instants are timestamptz (stored in UTC); joins between views are LEFT JOINs in the queries, because a view
-- may briefly lack a row another event names (registrations and admissions travel on different partitions).

CREATE TABLE view_patients (
    id            BIGINT PRIMARY KEY,
    name          TEXT NOT NULL,
    date_of_birth DATE,
    gender        VARCHAR(1)
);

CREATE TABLE view_doctors (
    id      BIGINT PRIMARY KEY,
    name    TEXT NOT NULL,
    user_id BIGINT
);

CREATE TABLE view_nurses (
    id      BIGINT PRIMARY KEY,
    name    TEXT NOT NULL,
    ward    TEXT NOT NULL,
    user_id BIGINT
);

CREATE TABLE view_rooms (
    id          BIGINT PRIMARY KEY,
    room_number TEXT NOT NULL,
    ward        TEXT NOT NULL
);

-- room_number and ward are copied from the admission or transfer event: a nurse's access (her ward) and the
-- doctor's list need no join with view_rooms.
CREATE TABLE view_encounters (
    id            BIGINT PRIMARY KEY,
    patient_id    BIGINT      NOT NULL,
    doctor_id     BIGINT      NOT NULL,
    room_id       BIGINT      NOT NULL,
    room_number   TEXT        NOT NULL,
    ward          TEXT        NOT NULL,
    status        VARCHAR(16) NOT NULL CHECK (status IN ('active', 'discharged')),
    admitted_at   TIMESTAMPTZ NOT NULL,
    discharged_at TIMESTAMPTZ,
    news2_score   INTEGER,
    news2_risk    VARCHAR(16),
    news2_at      TIMESTAMPTZ
);

CREATE INDEX view_encounters_active_by_doctor ON view_encounters (doctor_id, admitted_at DESC) WHERE status = 'active';
CREATE INDEX view_encounters_by_patient ON view_encounters (patient_id, admitted_at DESC);

CREATE TABLE view_vitals (
    reading_id    BIGINT PRIMARY KEY,
    encounter_id  BIGINT      NOT NULL,
    patient_id    BIGINT      NOT NULL,
    timestamp     TIMESTAMPTZ NOT NULL,
    hr_bpm        INTEGER,
    spo2_pct      INTEGER,
    temp_c        DOUBLE PRECISION,
    bp_systolic   INTEGER,
    bp_diastolic  INTEGER,
    resp_rate     INTEGER,
    on_oxygen     BOOLEAN,
    consciousness VARCHAR(1),
    received_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX view_vitals_by_patient_time ON view_vitals (patient_id, timestamp DESC);
CREATE INDEX view_vitals_by_encounter_time ON view_vitals (encounter_id, timestamp DESC);

-- The newest reading of each encounter by time of measurement (not of arrival): a late, older reading never
-- replaces it. Ties on the timestamp go to the higher reading id, so the result does not depend on arrival order.
CREATE TABLE view_latest_vitals (
    encounter_id  BIGINT PRIMARY KEY,
    reading_id    BIGINT      NOT NULL,
    patient_id    BIGINT      NOT NULL,
    timestamp     TIMESTAMPTZ NOT NULL,
    hr_bpm        INTEGER,
    spo2_pct      INTEGER,
    temp_c        DOUBLE PRECISION,
    bp_systolic   INTEGER,
    bp_diastolic  INTEGER,
    resp_rate     INTEGER,
    on_oxygen     BOOLEAN,
    consciousness VARCHAR(1)
);

CREATE TABLE view_observations (
    id           BIGINT PRIMARY KEY,
    encounter_id BIGINT      NOT NULL,
    patient_id   BIGINT      NOT NULL,
    author_id    BIGINT      NOT NULL,
    note         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);

CREATE INDEX view_observations_by_encounter_time ON view_observations (encounter_id, created_at DESC, id DESC);

CREATE TABLE view_alerts (
    alert_id          BIGINT PRIMARY KEY,
    encounter_id      BIGINT      NOT NULL,
    patient_id        BIGINT      NOT NULL,
    type              VARCHAR(64) NOT NULL,
    severity          VARCHAR(16) NOT NULL,
    message           TEXT        NOT NULL,
    timestamp         TIMESTAMPTZ NOT NULL,
    reading_id        BIGINT,
    raised_at         TIMESTAMPTZ,
    status            VARCHAR(16) NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    occurrences       INTEGER     NOT NULL DEFAULT 1,
    last_seen_at      TIMESTAMPTZ NOT NULL,
    acknowledged_by   BIGINT,
    acknowledged_at   TIMESTAMPTZ,
    resolved_by       BIGINT,
    resolved_at       TIMESTAMPTZ,
    resolution_reason TEXT
);

CREATE INDEX view_alerts_by_encounter_time ON view_alerts (encounter_id, timestamp DESC, alert_id DESC);
CREATE INDEX view_alerts_unresolved ON view_alerts (encounter_id) WHERE status <> 'resolved';
