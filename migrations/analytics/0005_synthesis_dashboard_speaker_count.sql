-- analytics.synthesis_dashboard v3 (draft): distinct speakers; older rows stay NULL.
ALTER TABLE analytics.synthesis_dashboard ADD COLUMN speaker_count smallint;
