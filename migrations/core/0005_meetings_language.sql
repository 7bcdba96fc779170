-- core.meetings v2: spoken language, nullable until the v3 backfill.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE core.meetings ADD COLUMN language text;
