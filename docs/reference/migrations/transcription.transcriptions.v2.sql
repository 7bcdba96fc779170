-- Copied by `contract docs` (edit the original, not this copy): migrations/transcription/0002_transcriptions_model_version_200.sql
-- transcription.transcriptions v2: model_version varchar(100) -> varchar(200).
-- Raising a varchar limit is a catalogue-only change in PostgreSQL: no table rewrite.
-- Give up rather than queue every query behind a lock this migration waits for.
SET lock_timeout = '5s';
ALTER TABLE transcription.transcriptions ALTER COLUMN model_version TYPE varchar(200);
