-- analytics.synthesis_dashboard v3 (draft): distinct speakers; older rows stay NULL.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE analytics.synthesis_dashboard ADD COLUMN speaker_count smallint;
