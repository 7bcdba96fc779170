-- Copied by `contract docs` (edit the original, not this copy): migrations/transcription/0001_create_transcriptions.sql
-- transcription.transcriptions v1: one row per meeting transcription.
CREATE TABLE transcription.transcriptions (
    id                uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    meeting_id        uuid         NOT NULL UNIQUE,   -- core.meetings.id, another database: no FK
    status            text         NOT NULL DEFAULT 'in-progress'
                                   CHECK (status IN ('in-progress', 'completed', 'failed')),
    model_version     varchar(100) NOT NULL,
    detected_language text,
    segment_count     integer      NOT NULL DEFAULT 0,
    full_text         text         NOT NULL DEFAULT '',
    started_at        timestamptz  NOT NULL DEFAULT now(),
    completed_at      timestamptz
);
