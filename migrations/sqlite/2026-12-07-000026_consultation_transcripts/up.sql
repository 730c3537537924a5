-- Transcripts and notes of a consultation with survivors, kept as text sources for coding in the
-- workbench beside the surveys' open answers. They never leave the platform except as coded
-- counts under the suppression rule and quotes a reviewer approved; a transcript is never
-- edited (a corrected one is added beside it).
CREATE TABLE consultation_transcripts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    consultation_id INTEGER NOT NULL REFERENCES consultations (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX consultation_transcripts_by_consultation ON consultation_transcripts (consultation_id);
