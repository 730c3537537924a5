-- Estimates: PCC reviewers' areas and office, one-time links to set a password, and the team's
-- decisions on PCC reviews.

ALTER TABLE accounts ADD COLUMN office TEXT;

-- The police force areas a PCC reviewer may see.
CREATE TABLE account_areas (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    PRIMARY KEY (account_id, pfa_code)
);

-- One-time links, mailed to a new account, to choose a password; stored as hashes.
CREATE TABLE account_setup_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    expires_at TEXT NOT NULL,
    used_at TEXT
);

ALTER TABLE pcc_reviews ADD COLUMN decision_reason TEXT;
CREATE INDEX pcc_reviews_by_cycle ON pcc_reviews (cycle_id, pfa_code);
