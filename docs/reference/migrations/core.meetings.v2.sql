-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0005_meetings_language.sql
-- core.meetings v2: spoken language, nullable until the v3 backfill.
ALTER TABLE core.meetings ADD COLUMN language text;
