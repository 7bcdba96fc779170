-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0007_meetings_language_not_null.sql
-- core.meetings v3: language becomes NOT NULL.
-- Run after the backfill job (see the contract's backfill block) has brought the count of
-- NULL languages to 0. The validated CHECK lets SET NOT NULL skip its full-table scan, so the
-- ACCESS EXCLUSIVE lock is held only for a moment.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE core.meetings ALTER COLUMN language SET DEFAULT 'und';

-- Catches rows written between the end of the backfill and this migration.
UPDATE core.meetings SET language = 'und' WHERE language IS NULL;

ALTER TABLE core.meetings
    ADD CONSTRAINT meetings_language_not_null CHECK (language IS NOT NULL) NOT VALID;
ALTER TABLE core.meetings VALIDATE CONSTRAINT meetings_language_not_null;
ALTER TABLE core.meetings ALTER COLUMN language SET NOT NULL;
ALTER TABLE core.meetings DROP CONSTRAINT meetings_language_not_null;
