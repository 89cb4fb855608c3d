-- Who may sign in (users) and which bedside devices may post vitals. Passwords are BCrypt hashes; device keys and
-- refresh tokens are stored only as SHA-256 hex digests, so a copy of this table grants no access.

CREATE TABLE app_user (
    id            BIGSERIAL    PRIMARY KEY,
    username      VARCHAR(100) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(20)  NOT NULL CHECK (role IN ('admin', 'doctor', 'nurse', 'patient', 'auditor')),
    doctor_id     BIGINT,
    nurse_id      BIGINT,
    patient_id    BIGINT,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE device (
    id         BIGSERIAL    PRIMARY KEY,
    key_hash   CHAR(64)     NOT NULL UNIQUE,
    room_id    BIGINT       NOT NULL,
    label      VARCHAR(100) NOT NULL,
    active     BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);

CREATE INDEX device_by_label ON device (label) WHERE active;

-- One row per issued refresh token; a family is one login's chain of rotations (rotation comes in a later issue).
CREATE TABLE refresh_token (
    id         BIGSERIAL   PRIMARY KEY,
    token_hash CHAR(64)    NOT NULL UNIQUE,
    user_id    BIGINT      NOT NULL REFERENCES app_user (id),
    family_id  UUID        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX refresh_token_by_family ON refresh_token (family_id);
