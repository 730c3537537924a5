DROP TABLE sessions;
DROP TABLE accounts;
ALTER TABLE responses DROP COLUMN note;
ALTER TABLE responses DROP COLUMN revision;
ALTER TABLE responses DROP COLUMN submitted_answers;
ALTER TABLE survey_cycles DROP COLUMN reminder_dates;
DROP TABLE outbox;
ALTER TABLE invitations DROP COLUMN created_at;
ALTER TABLE invitations ADD COLUMN token_hash TEXT UNIQUE;
UPDATE invitations i SET token_hash = COALESCE(
    (SELECT MIN(t.token_hash) FROM invitation_tokens t WHERE t.invitation_id = i.id), 'none-' || i.id);
ALTER TABLE invitations ALTER COLUMN token_hash SET NOT NULL;
DROP TABLE invitation_tokens;
