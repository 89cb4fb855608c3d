-- How far behind each running alerting instance is, reported a few times a second: the age of the oldest live event
-- its saga processor handled in the last interval, and how many events a second it handled. The command side reads
-- it to give the alert path priority under overload (it refuses readings before the saga falls behind further);
-- a row not refreshed for a second is no report at all.
CREATE TABLE alerting_lag (
    instance_id       VARCHAR(64)      PRIMARY KEY,
    lag_ms            BIGINT           NOT NULL,
    events_per_second DOUBLE PRECISION NOT NULL,
    reported_at       TIMESTAMPTZ      NOT NULL
);
