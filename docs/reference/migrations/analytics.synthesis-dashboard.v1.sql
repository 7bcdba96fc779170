-- Copied by `contract docs` (edit the original, not this copy): migrations/analytics/0001_create_synthesis_dashboard.sql
-- analytics.synthesis_dashboard v1: per-meeting figures, written by the dashboard projector.
CREATE TABLE analytics.synthesis_dashboard (
    meeting_id                   uuid          PRIMARY KEY,
    meeting_date                 date          NOT NULL,
    duration_seconds             integer       NOT NULL,
    end_reason                   text          NOT NULL,
    attendance_count             integer       NOT NULL,
    peak_concurrent_participants integer       NOT NULL,
    guest_count                  integer       NOT NULL,
    segment_count                integer,
    transcribed_seconds          numeric(10,3),
    language                     text,
    refreshed_at                 timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX synthesis_dashboard_meeting_date_idx ON analytics.synthesis_dashboard (meeting_date);
