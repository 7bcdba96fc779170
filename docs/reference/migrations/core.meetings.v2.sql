-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0005_meetings_language.sql
-- core.meetings v2: spoken language, nullable until the v3 backfill.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE core.meetings ADD COLUMN language text;
