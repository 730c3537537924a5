-- Fieldwork: invitation links as hashes (one per mail sent), the mail outbox, reminder
-- schedules, submitted answers kept apart from work in progress, and staff accounts.

-- Every mail (invitation or reminder) carries its own link; all of an invitation's links work
-- until the cycle closes. Only SHA-256 hashes of the tokens are stored.
CREATE TABLE invitation_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    invitation_id INTEGER NOT NULL REFERENCES invitations (id),
    created_at TEXT NOT NULL
);

-- SQLite cannot drop a UNIQUE column in place: rebuild invitations without token_hash.
CREATE TABLE invitations_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    created_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00Z',
    sent_at TEXT,
    opened_at TEXT,
    reminded_at TEXT,
    UNIQUE (cycle_id, service_id, contact_id)
);
INSERT INTO invitations_rebuilt (id, cycle_id, service_id, contact_id, sent_at, opened_at, reminded_at)
    SELECT id, cycle_id, service_id, contact_id, sent_at, opened_at, reminded_at FROM invitations;
INSERT INTO invitation_tokens (token_hash, invitation_id, created_at)
    SELECT token_hash, id, COALESCE(sent_at, '1970-01-01T00:00:00Z') FROM invitations;
DROP TABLE invitations;
ALTER TABLE invitations_rebuilt RENAME TO invitations;
CREATE INDEX invitation_tokens_by_invitation ON invitation_tokens (invitation_id);
CREATE INDEX invitations_by_cycle ON invitations (cycle_id);

-- Mail waiting to go, going, gone or given up on. `dedupe_key` makes enqueueing idempotent.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Reminder dates (YYYY-MM-DD, comma-separated) per cycle.
ALTER TABLE survey_cycles ADD COLUMN reminder_dates TEXT NOT NULL DEFAULT '';

-- What was last submitted stays apart from later, unsubmitted amendments; `revision` guards
-- concurrent saves (optimistic locking).
ALTER TABLE responses ADD COLUMN submitted_answers TEXT;
ALTER TABLE responses ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE responses ADD COLUMN note TEXT;
UPDATE responses SET submitted_answers = answers WHERE status = 'submitted';

-- Staff and PCC accounts; respondents never have one (they use their invitation link).
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'pcc_reviewer')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);

-- Signed-in sessions: the cookie holds a random token, the table only its hash.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
