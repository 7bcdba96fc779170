-- transcription.transcriptions v2: model_version varchar(100) -> varchar(200).
-- Raising a varchar limit is a catalogue-only change in PostgreSQL: no table rewrite.
ALTER TABLE transcription.transcriptions ALTER COLUMN model_version TYPE varchar(200);
