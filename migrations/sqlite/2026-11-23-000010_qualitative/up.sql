-- Qualitative coding of open answers, and the coder role. SQLite cannot change a CHECK
-- constraint in place, so the accounts table is rebuilt (foreign keys off, as SQLite's
-- documented procedure requires; hence no surrounding transaction from the runner).
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE accounts_with_coders (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'pcc_reviewer', 'coder')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    office TEXT,
    totp_secret TEXT,
    totp_last_step BIGINT
);
INSERT INTO accounts_with_coders
    SELECT id, email, name, role, password_hash, created_at, disabled_at, office, totp_secret, totp_last_step
    FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_with_coders RENAME TO accounts;

-- A codebook per cycle and open question; every import or edit adds a version, the newest is
-- the one coders use. `codes` is the codebook as JSON (categories with subcategories).
CREATE TABLE codebooks (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    question_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    codes TEXT NOT NULL,
    note TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (cycle_id, question_id, version)
);

-- A comment: a span (in characters) of one submitted answer to an open question, with its text
-- copied for listing. The answer itself is never changed. Its first coder, and the second coder
-- it was given to blind when drawn into the double-coding sample, decide whose queue it is in.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    response_id INTEGER NOT NULL REFERENCES responses (id),
    question_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    body TEXT NOT NULL,
    first_coder_id INTEGER REFERENCES accounts (id),
    second_coder_id INTEGER REFERENCES accounts (id),
    UNIQUE (response_id, question_id, start_char)
);
CREATE INDEX comments_by_question ON comments (cycle_id, question_id, id);
-- The coding queues: comments nobody has coded first, and each second coder's sample.
CREATE INDEX comments_awaiting_first_code ON comments (cycle_id, question_id, id)
    WHERE first_coder_id IS NULL;
CREATE INDEX comments_by_second_coder ON comments (second_coder_id, id)
    WHERE second_coder_id IS NOT NULL;

-- One code per comment per coder; `previous_code` is what undo puts back, `seq` orders a
-- coder's codings so undo finds the last.
CREATE TABLE codings (
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    coder_id INTEGER NOT NULL REFERENCES accounts (id),
    code TEXT NOT NULL,
    previous_code TEXT,
    seq BIGINT NOT NULL,
    coded_at TEXT NOT NULL,
    PRIMARY KEY (comment_id, coder_id)
);
CREATE INDEX codings_by_coder ON codings (coder_id, seq);

-- The agreed code of a double-coded comment the coders disagreed on.
CREATE TABLE adjudications (
    comment_id INTEGER PRIMARY KEY NOT NULL REFERENCES comments (id),
    code TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);

-- Quotes starred by coders; published only once a reviewer has approved the redacted text.
CREATE TABLE quotes (
    comment_id INTEGER PRIMARY KEY NOT NULL REFERENCES comments (id),
    starred_by TEXT NOT NULL,
    starred_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('starred', 'approved', 'rejected')),
    published_text TEXT,
    reviewed_by TEXT,
    reviewed_at TEXT
);
COMMIT;
PRAGMA foreign_keys = ON;
