-- Copied by `contract docs` (edit the original, not this copy): migrations/analytics/0003_participation_timeline_client_platform.sql
-- analytics.participation_timeline v2: event_seq integer -> bigint; client_platform.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER SEQUENCE analytics.participation_timeline_event_seq AS bigint;
ALTER TABLE analytics.participation_timeline ALTER COLUMN event_seq TYPE bigint;
ALTER TABLE analytics.participation_timeline ADD COLUMN client_platform text;
