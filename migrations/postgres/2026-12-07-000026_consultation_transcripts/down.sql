DROP TABLE consultation_transcripts;
