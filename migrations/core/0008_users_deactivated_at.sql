-- core.users v3: when the account was closed; starts the retention clock.
ALTER TABLE core.users ADD COLUMN deactivated_at timestamptz;

CREATE INDEX users_deactivated_at_idx ON core.users (deactivated_at) WHERE deactivated_at IS NOT NULL;
