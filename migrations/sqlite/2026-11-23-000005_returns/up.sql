-- Victims Funding Strategy returns: commissioner programmes, their services and opened periods,
-- one return per service per period (shared by every programme that funds the service), and
-- the per-period requests and links sent to providers.

CREATE TABLE programmes (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('quarterly', 'six-monthly', 'annual')),
    first_period TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE programme_services (
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    PRIMARY KEY (programme_id, service_id)
);

-- Periods a programme has asked returns for; only these are tracked as due, late or missing.
CREATE TABLE programme_periods (
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    period TEXT NOT NULL,
    due_on TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    PRIMARY KEY (programme_id, period)
);

CREATE TABLE vfs_returns (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    service_id INTEGER NOT NULL REFERENCES services (id),
    period TEXT NOT NULL,
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    status TEXT NOT NULL CHECK (status IN ('partial', 'submitted')),
    -- Answers under the vfs-core-metrics schema, as JSON; what was last submitted is kept apart.
    answers TEXT NOT NULL,
    submitted_answers TEXT,
    channel TEXT NOT NULL CHECK (channel IN ('online', 'import')),
    submitted_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (service_id, period)
);
CREATE INDEX vfs_returns_by_period ON vfs_returns (period);

CREATE TABLE return_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    service_id INTEGER NOT NULL REFERENCES services (id),
    period TEXT NOT NULL,
    email TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    reminded_on TEXT,
    UNIQUE (service_id, period, email)
);

-- Links to a service's return for a period: SHA-256 hashes only.
CREATE TABLE return_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    request_id INTEGER NOT NULL REFERENCES return_requests (id)
);
