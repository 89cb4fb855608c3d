-- Audit tables of the query side. Unlike the view_ tables they are never truncated by a projection rebuild:
-- audit_event is keyed by the event-store position, so replaying the topic rewrites nothing, and access_log
-- records reads, which no event can reproduce.

-- Every encounter event as it was consumed, with its audit metadata (who, through which request, from where).
-- position is the event's global index in the event store; occurred_at its timestamp there.
CREATE TABLE audit_event (
    position           BIGINT PRIMARY KEY,
    event_id           TEXT         NOT NULL UNIQUE,
    encounter_id       BIGINT       NOT NULL,
    patient_id         BIGINT,
    aggregate_id       TEXT,
    aggregate_sequence BIGINT,
    type               VARCHAR(100) NOT NULL,
    occurred_at        TIMESTAMPTZ  NOT NULL,
    actor_user_id      BIGINT,
    actor_role         VARCHAR(32),
    actor_device_id    BIGINT,
    request_id         VARCHAR(64),
    client_address     VARCHAR(64),
    payload            JSONB        NOT NULL
);

CREATE INDEX audit_event_by_encounter ON audit_event (encounter_id, position);
CREATE INDEX audit_event_by_patient ON audit_event (patient_id, position);

-- Who read which patient's data. Append-only and hash-chained: hash = SHA-256(previous_hash, canonical content),
-- so editing or deleting a row breaks the chain at that row. Ids are assigned gapless under the chain head's lock
-- (not from a sequence), so a deleted row is also visible as a gap.
CREATE TABLE access_log (
    id            BIGINT PRIMARY KEY,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    user_id       BIGINT,
    role          VARCHAR(32)  NOT NULL,
    device_id     BIGINT,
    patient_id    BIGINT,
    encounter_id  BIGINT,
    action        VARCHAR(200) NOT NULL,
    outcome       INTEGER      NOT NULL,
    request_id    VARCHAR(64),
    previous_hash CHAR(64)     NOT NULL,
    hash          CHAR(64)     NOT NULL
);

CREATE INDEX access_log_by_patient ON access_log (patient_id, id DESC);

-- The end of the chain; appends lock this single row (SELECT ... FOR UPDATE), which serializes them across
-- every instance of the query side.
CREATE TABLE access_log_head (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    last_id   BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);

INSERT INTO access_log_head (singleton, last_id, last_hash) VALUES (TRUE, 0, repeat('0', 64));
