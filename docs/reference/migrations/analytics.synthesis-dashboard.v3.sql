-- Copied by `contract docs` (edit the original, not this copy): migrations/analytics/0005_synthesis_dashboard_speaker_count.sql
-- analytics.synthesis_dashboard v3 (draft): distinct speakers; older rows stay NULL.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE analytics.synthesis_dashboard ADD COLUMN speaker_count smallint;
