-- Copied by `contract docs` (edit the original, not this copy): migrations/analytics/0002_create_participation_timeline.sql
-- analytics.participation_timeline v1: append-only log of joins and leaves.
CREATE SEQUENCE analytics.participation_timeline_event_seq AS integer;

CREATE TABLE analytics.participation_timeline (
    meeting_id     uuid        NOT NULL,
    event_seq      integer     NOT NULL DEFAULT nextval('analytics.participation_timeline_event_seq'),
    participant_id uuid        NOT NULL,
    user_id        uuid,
    event_type     text        NOT NULL CHECK (event_type IN ('joined', 'left')),
    occurred_at    timestamptz NOT NULL,
    role           text,
    leave_reason   text,
    PRIMARY KEY (meeting_id, event_seq)
);

ALTER SEQUENCE analytics.participation_timeline_event_seq
    OWNED BY analytics.participation_timeline.event_seq;

-- The projector only appends; nobody may rewrite history.
REVOKE UPDATE, DELETE ON analytics.participation_timeline FROM PUBLIC;
