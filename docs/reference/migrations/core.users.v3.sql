-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0008_users_deactivated_at.sql
-- core.users v3: when the account was closed; starts the retention clock.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE core.users ADD COLUMN deactivated_at timestamptz;

CREATE INDEX CONCURRENTLY users_deactivated_at_idx ON core.users (deactivated_at) WHERE deactivated_at IS NOT NULL;
