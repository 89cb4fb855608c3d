-- Issue 3: who may act on an encounter (every encounter, also discharged ones, so that "not active" (409) can be told
-- apart from "not yours" (404)), idempotent vitals, and the append-only audit of user and device management.

-- Written from PatientAdmitted / PatientTransferred / PatientDischarged in the command's own transaction
-- (processing group command-lookups); ward and doctor are the ones that decide ownership (CONTRACT §2).
CREATE TABLE encounter_access (
    encounter_id BIGINT       PRIMARY KEY,
    patient_id   BIGINT       NOT NULL,
    doctor_id    BIGINT       NOT NULL,
    room_id      BIGINT       NOT NULL,
    ward         VARCHAR(100) NOT NULL,
    active       BOOLEAN      NOT NULL
);

INSERT INTO encounter_access (encounter_id, patient_id, doctor_id, room_id, ward, active)
SELECT encounter_id, patient_id, doctor_id, room_id, ward, TRUE FROM active_encounter;

-- One row per stored reading, written in the transaction of its VitalsRecorded event. A retried reading finds its
-- row by the natural key (encounter, timestamp, source) or by the sender's Idempotency-Key, and gets the original id;
-- in a batch, item i of a request with key K is stored under K#i. body_hash tells a true retry from a different
-- reading sent under the same key (409).
CREATE TABLE vitals_dedup (
    reading_id      BIGINT       PRIMARY KEY,
    encounter_id    BIGINT       NOT NULL,
    measured_at     TIMESTAMPTZ  NOT NULL,
    source          VARCHAR(50)  NOT NULL,
    idempotency_key VARCHAR(120),
    body_hash       CHAR(64)     NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT vitals_dedup_natural_key UNIQUE (encounter_id, measured_at, source),
    CONSTRAINT vitals_dedup_idempotency_key UNIQUE (source, idempotency_key)
);

-- Who managed which account or device key, when, through which request. Rows are only ever added: the trigger
-- refuses UPDATE and DELETE, so an administrator cannot quietly rewrite the trail through the application.
CREATE TABLE identity_audit (
    id             BIGSERIAL    PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor_user_id  BIGINT,
    actor_role     VARCHAR(20),
    action         VARCHAR(50)  NOT NULL,
    target_type    VARCHAR(20)  NOT NULL,
    target_id      BIGINT       NOT NULL,
    request_id     VARCHAR(64),
    client_address VARCHAR(64)
);

CREATE INDEX identity_audit_by_target ON identity_audit (target_type, target_id);

CREATE FUNCTION identity_audit_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'identity_audit is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER identity_audit_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON identity_audit
    FOR EACH STATEMENT EXECUTE FUNCTION identity_audit_is_append_only();

CREATE INDEX refresh_token_by_user ON refresh_token (user_id);
