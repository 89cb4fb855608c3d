-- The alerting sagas' state, one row per encounter's saga, written by the saga processor once per batch. The version
-- is checked by every write (UPDATE ... WHERE version = ?), so a deadline and the processor changing the same saga at
-- once never lose an update: the later one fails and is retried on the newer state.
CREATE TABLE alerting_saga (
    saga_id      VARCHAR(255) PRIMARY KEY,
    encounter_id BIGINT       NOT NULL,
    version      BIGINT       NOT NULL,
    state        BYTEA        NOT NULL
);

CREATE INDEX alerting_saga_by_encounter ON alerting_saga (encounter_id);

-- When the alerting side first started on this database: readings received before it are history to the saga (it
-- reads the whole topic on its first start and must not alert on old readings), readings received after it are live
-- however late the saga gets to them.
CREATE TABLE alerting_started (
    started_at TIMESTAMPTZ NOT NULL
);

INSERT INTO alerting_started (started_at) VALUES (now());

-- Sagas kept until now in Axon's generic saga tables move here, so encounters admitted before this change keep
-- their alerting state. (On a new database those tables may not exist yet: nothing to move.)
DO $$
BEGIN
    IF to_regclass('saga_entry') IS NOT NULL AND to_regclass('association_value_entry') IS NOT NULL THEN
        INSERT INTO alerting_saga (saga_id, encounter_id, version, state)
        SELECT s.saga_id, a.association_value::bigint, 0, s.serialized_saga
        FROM saga_entry s
        JOIN association_value_entry a ON a.saga_id = s.saga_id AND a.association_key = 'encounterId'
        WHERE s.saga_type = 'org.hospital.alerting.saga.EncounterAlertingSaga';
        DELETE FROM association_value_entry WHERE saga_type = 'org.hospital.alerting.saga.EncounterAlertingSaga';
        DELETE FROM saga_entry WHERE saga_type = 'org.hospital.alerting.saga.EncounterAlertingSaga';
    END IF;
END
$$;
