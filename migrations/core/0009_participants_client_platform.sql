-- core.participants v3 (draft): client platform from participant.joined v2. No backfill:
-- older attendances keep NULL.
ALTER TABLE core.participants ADD COLUMN client_platform text;
