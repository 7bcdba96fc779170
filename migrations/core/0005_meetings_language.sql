-- core.meetings v2: spoken language, nullable until the v3 backfill.
ALTER TABLE core.meetings ADD COLUMN language text;
