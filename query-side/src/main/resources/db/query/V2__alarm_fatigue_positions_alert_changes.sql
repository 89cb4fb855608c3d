-- Issue 3 and 4 on the read side: repeats and escalations of alerts, the SpO2 scale, the positions that let a
-- client read its own writes, and the table the live alert stream is delivered from.

-- The event-store position (global index) of the last event of this encounter the projections applied. Every
-- handler of an encounter event raises it in the same transaction as its own rows, so a reader that sees
-- last_position >= n also sees everything that event n (and the encounter's earlier events) changed.
-- spo2_scale is null until a clinician chooses one; NEWS2 then uses scale 1 (RCP 2017).
ALTER TABLE view_encounters
    ADD COLUMN last_position BIGINT,
    ADD COLUMN spo2_scale    SMALLINT CHECK (spo2_scale IN (1, 2)),
    ADD COLUMN news2_reading_id BIGINT;

-- Every reading rewrites its encounter's last_position: free space on each page lets PostgreSQL keep these updates
-- on the same page without touching the indexes (HOT updates).
ALTER TABLE view_encounters SET (fillfactor = 70);

-- A patient's registration is the only patient event before the first encounter: a client that registered a patient
-- can wait for it too.
ALTER TABLE view_patients ADD COLUMN last_position BIGINT;

ALTER TABLE view_alerts
    ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN escalated_at     TIMESTAMPTZ;

-- One row per change of an alert, written by the alert projection in the transaction of the change. change_id is the
-- SSE event id: clients resume after it with Last-Event-ID. The row is a snapshot of the alert as the change left it,
-- with the encounter's ward and attending doctor at that moment (who may see the change is decided on these).
-- (alert_id, change, change_key) identifies the source event (change_key is the occurrence count of a repeat, the
-- level of an escalation, 0 otherwise), so a redelivered event adds no second row.
-- Writers take a transaction-scoped advisory lock before inserting, so ids become visible in increasing order and a
-- reader that moved past id n never misses a row below n committed later.
CREATE TABLE view_alert_changes (
    change_id        BIGSERIAL PRIMARY KEY,
    alert_id         BIGINT      NOT NULL,
    change           VARCHAR(16) NOT NULL
        CHECK (change IN ('raised', 'repeated', 'escalated', 'acknowledged', 'resolved')),
    change_key       INTEGER     NOT NULL,
    encounter_id     BIGINT      NOT NULL,
    patient_id       BIGINT      NOT NULL,
    ward             TEXT,
    doctor_id        BIGINT,
    type             VARCHAR(64) NOT NULL,
    severity         VARCHAR(16) NOT NULL,
    message          TEXT        NOT NULL,
    timestamp        TIMESTAMPTZ NOT NULL,
    status           VARCHAR(16) NOT NULL,
    occurrences      INTEGER     NOT NULL,
    last_seen_at     TIMESTAMPTZ NOT NULL,
    escalation_level INTEGER     NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT view_alert_changes_once_per_event UNIQUE (alert_id, change, change_key)
);

-- A reconnecting nurse or doctor catches up on her own ward's or patients' changes without scanning everyone's.
CREATE INDEX view_alert_changes_by_ward ON view_alert_changes (ward, change_id);
CREATE INDEX view_alert_changes_by_doctor ON view_alert_changes (doctor_id, change_id);
