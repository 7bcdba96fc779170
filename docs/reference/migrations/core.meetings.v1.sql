-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0002_create_meetings.sql
-- core.meetings v1: one row per meeting.
CREATE TABLE core.meetings (
    id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    organizer_id uuid         NOT NULL REFERENCES core.users (id),
    title        varchar(200) NOT NULL DEFAULT '',
    created_at   timestamptz  NOT NULL DEFAULT now(),
    ended_at     timestamptz,
    end_reason   text
);

CREATE INDEX meetings_organizer_id_idx ON core.meetings (organizer_id, created_at DESC);
