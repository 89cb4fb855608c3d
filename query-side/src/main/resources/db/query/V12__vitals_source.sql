-- Who sent each reading (the event's source: 'device:<id>' or 'user:<id>'), for the FHIR Observation's device or
-- performer (docs/fhir.md). Readings projected before this column existed keep NULL until a projection rebuild.
ALTER TABLE view_vitals ADD COLUMN source TEXT;
