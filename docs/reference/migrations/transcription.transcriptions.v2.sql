-- Copied by `contract docs` (edit the original, not this copy): migrations/transcription/0002_transcriptions_model_version_200.sql
-- transcription.transcriptions v2: model_version varchar(100) -> varchar(200).
-- Raising a varchar limit is a catalogue-only change in PostgreSQL: no table rewrite.
ALTER TABLE transcription.transcriptions ALTER COLUMN model_version TYPE varchar(200);
