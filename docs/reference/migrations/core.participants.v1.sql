-- Copied by `contract docs` (edit the original, not this copy): migrations/core/0003_create_participants.sql
-- core.participants v1: one row per attendance (join to leave).
CREATE TABLE core.participants (
    id           uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_id   uuid         NOT NULL REFERENCES core.meetings (id),
    user_id      uuid         REFERENCES core.users (id),
    display_name varchar(120) NOT NULL,
    role         text         NOT NULL DEFAULT 'attendee'
                              CONSTRAINT participants_role_check CHECK (role IN ('host', 'co-host', 'attendee')),
    is_guest     boolean      NOT NULL DEFAULT false,
    joined_at    timestamptz  NOT NULL,
    left_at      timestamptz,
    leave_reason text
);

CREATE INDEX participants_meeting_id_idx ON core.participants (meeting_id, joined_at);
CREATE INDEX participants_user_id_idx ON core.participants (user_id) WHERE user_id IS NOT NULL;
