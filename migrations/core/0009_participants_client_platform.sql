-- core.participants v3 (draft): client platform from participant.joined v2. No backfill:
-- older attendances keep NULL.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE core.participants ADD COLUMN client_platform text;
