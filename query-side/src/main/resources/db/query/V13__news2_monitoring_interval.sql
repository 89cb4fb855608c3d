-- When the next observations are due after a measurement at the encounter's current NEWS2, as the alerting side
-- computed it (News2Scored.monitoring_interval_minutes): the ward board shows the due time the alerting side uses for
-- OBSERVATIONS_OVERDUE. Null for scores recorded before the events carried it.
ALTER TABLE view_encounters ADD COLUMN news2_monitoring_minutes INTEGER;
