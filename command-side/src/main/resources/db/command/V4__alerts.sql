-- alert_keys makes RaiseAlert effectively-once: the saga's deterministic key maps to exactly one alert id.
-- alert_summary keeps what the alerts topic repeats on acknowledge and resolve (type, severity, message, time).

CREATE SEQUENCE alert_id_seq;

CREATE TABLE alert_keys (
    alert_key  VARCHAR(200) PRIMARY KEY,
    alert_id   BIGINT       NOT NULL UNIQUE DEFAULT nextval('alert_id_seq'),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE alert_summary (
    alert_id     BIGINT       PRIMARY KEY,
    encounter_id BIGINT       NOT NULL,
    patient_id   BIGINT       NOT NULL,
    type         VARCHAR(50)  NOT NULL,
    severity     VARCHAR(20)  NOT NULL,
    message      VARCHAR(500) NOT NULL,
    timestamp    TIMESTAMPTZ  NOT NULL
);
