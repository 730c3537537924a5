-- The referrer role (professionals who may see the refuge vacancy board, and nothing else).
-- SQLite cannot change a CHECK constraint in place, so the accounts table is rebuilt (foreign
-- keys off, as SQLite's documented procedure requires; hence no surrounding transaction).
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE accounts_with_referrers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'pcc_reviewer', 'coder', 'referrer')),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    office TEXT,
    totp_secret TEXT,
    totp_last_step BIGINT,
    totp_pending TEXT
);
INSERT INTO accounts_with_referrers
    SELECT id, email, name, role, password_hash, created_at, disabled_at, office, totp_secret, totp_last_step, totp_pending
    FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_with_referrers RENAME TO accounts;

-- Live refuge vacancies, posted by a safe-accommodation service (or the team for it) for
-- signed-in referrers only. A vacancy lives 48 hours unless refreshed. It carries no address and
-- no free text: the police force area is the finest place it ever names (its service's).
CREATE TABLE refuge_vacancies (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    service_id INTEGER NOT NULL REFERENCES services (id),
    place_kind TEXT NOT NULL CHECK (place_kind IN ('family', 'single_women', 'men', 'lgbt')),
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    children_up_to_age INTEGER CHECK (children_up_to_age BETWEEN 0 AND 17),
    accessible BOOLEAN NOT NULL,
    languages TEXT NOT NULL,
    no_recourse_accepted BOOLEAN NOT NULL,
    posted_by TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX refuge_vacancies_live ON refuge_vacancies (expires_at);
COMMIT;
PRAGMA foreign_keys = ON;
