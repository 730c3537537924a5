-- Sessions end after 30 minutes without a request as well as 12 hours after sign-in.
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
