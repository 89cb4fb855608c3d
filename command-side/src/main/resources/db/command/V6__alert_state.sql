-- Issue 4: alert_summary follows the alert's whole life (alarm-fatigue repeats, escalations, acknowledgement,
-- resolution), written from the alert's events in the command's own transaction. version is the sequence number of
-- the alert's last event applied to the row; NULL means unknown, and readers then fold the alert's events instead.

ALTER TABLE alert_summary
    ADD COLUMN status           VARCHAR(20) NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'acknowledged', 'resolved')),
    ADD COLUMN occurrences      INTEGER     NOT NULL DEFAULT 1,
    ADD COLUMN escalation_level INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN last_seen_at     TIMESTAMPTZ,
    ADD COLUMN version          BIGINT;

-- Alerts raised before this migration had no repeats or escalations; their status comes from their stored events
-- when the event store is already there (on a fresh database it is not, and there are no alerts either).
DO $$
BEGIN
    IF to_regclass('domain_event_entry') IS NOT NULL THEN
        UPDATE alert_summary s
        SET status = CASE
                WHEN EXISTS (SELECT 1 FROM domain_event_entry e
                             WHERE e.aggregate_identifier = 'alert-' || s.alert_id
                               AND e.payload_type = 'org.hospital.events.AlertResolved') THEN 'resolved'
                WHEN EXISTS (SELECT 1 FROM domain_event_entry e
                             WHERE e.aggregate_identifier = 'alert-' || s.alert_id
                               AND e.payload_type = 'org.hospital.events.AlertAcknowledged') THEN 'acknowledged'
                ELSE 'open' END,
            last_seen_at = s.timestamp,
            version = (SELECT max(e.sequence_number) FROM domain_event_entry e
                       WHERE e.aggregate_identifier = 'alert-' || s.alert_id);
    END IF;
END
$$;
