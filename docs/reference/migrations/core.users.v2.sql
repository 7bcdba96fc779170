-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0004_users_time_zone.sql
-- core.users v2: time zone; legacy_username deprecated (remove after 2026-10-01).
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE core.users ADD COLUMN time_zone text;

COMMENT ON COLUMN core.users.legacy_username IS
    'DEPRECATED: username sign-in switched off 2026-02-28; to be dropped after 2026-10-01.';
