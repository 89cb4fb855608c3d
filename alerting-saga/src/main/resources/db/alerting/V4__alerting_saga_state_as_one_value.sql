-- The saga's state became one value (EncounterState) with the same field names: a stored saga moves its fields under
-- "state". Rows already in the new shape are left alone.
UPDATE alerting_saga
SET state = convert_to(jsonb_build_object('state', convert_from(state, 'UTF8')::jsonb)::text, 'UTF8')
WHERE NOT (convert_from(state, 'UTF8')::jsonb ? 'state');
