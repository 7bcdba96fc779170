-- Copied by `contract docs` (edit the original, not this copy): migrations/analytics/0004_synthesis_dashboard_deleted_segments.sql
-- analytics.synthesis_dashboard v2: deleted_segment_count; segment_count becomes net of
-- deleted segments. The recomputation itself is the backfill job described in the contract;
-- this migration only adds the column and keeps the old values for the rollback.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE analytics.synthesis_dashboard ADD COLUMN deleted_segment_count integer;

CREATE TABLE analytics.synthesis_dashboard_v1_segment_count AS
    SELECT meeting_id, segment_count FROM analytics.synthesis_dashboard;
ALTER TABLE analytics.synthesis_dashboard_v1_segment_count ADD PRIMARY KEY (meeting_id);
COMMENT ON TABLE analytics.synthesis_dashboard_v1_segment_count IS
    'Rollback copy for the v2 backfill; drop after 2026-09-02.';
