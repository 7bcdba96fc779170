-- core.participants v2: role gains 'guest'; is_guest deprecated (remove after 2027-01-31).
-- Only the CHECK constraint widens: existing rows are not rewritten.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE core.participants DROP CONSTRAINT participants_role_check;
ALTER TABLE core.participants ADD CONSTRAINT participants_role_check
    CHECK (role IN ('host', 'co-host', 'attendee', 'guest'));

COMMENT ON COLUMN core.participants.is_guest IS
    'DEPRECATED: read role = ''guest''; to be dropped after 2027-01-31.';
