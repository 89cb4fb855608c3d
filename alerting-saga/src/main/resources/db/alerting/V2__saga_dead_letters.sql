-- Events the alerting saga could not handle (poison events), parked with the later events of the same encounter
-- behind them, in order, so that the other encounters' alerting goes on. Written in the saga processor's transaction,
-- with its Kafka position. The query side lists these rows (GET /admin/dead-letters) and marks them for a retry
-- (retry_requested_at); the alerting side retries marked encounters itself and deletes what it then handled.
-- payload and meta_data are the event as the platform's event serializer writes it: they may hold patient data.
CREATE TABLE saga_dead_letter (
    dead_letter_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    processing_group     VARCHAR(255)             NOT NULL,
    sequence_identifier  VARCHAR(255)             NOT NULL,
    sequence_index       BIGINT                   NOT NULL,
    event_identifier     VARCHAR(255)             NOT NULL,
    event_type           VARCHAR(255)             NOT NULL,
    payload_type         VARCHAR(255)             NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA                    NOT NULL,
    meta_data            BYTEA,
    event_timestamp      TIMESTAMP WITH TIME ZONE NOT NULL,
    event_position       BIGINT,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    parked_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    first_failed_at      TIMESTAMP WITH TIME ZONE,
    last_failed_at       TIMESTAMP WITH TIME ZONE,
    attempts             INT                      NOT NULL DEFAULT 0,
    retry_requested_at   TIMESTAMP WITH TIME ZONE,
    UNIQUE (processing_group, event_identifier),
    UNIQUE (processing_group, sequence_identifier, sequence_index)
);
