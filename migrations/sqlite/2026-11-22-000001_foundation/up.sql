-- Reference geography: the 10 reporting regions and the 43 territorial police force areas.
CREATE TABLE regions (
    name TEXT PRIMARY KEY NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE police_force_areas (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    region TEXT NOT NULL REFERENCES regions (name),
    adult_females BIGINT NOT NULL
);

-- One annual survey cycle, with the need-model parameters it is published under.
CREATE TABLE survey_cycles (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    year INTEGER NOT NULL UNIQUE,
    title TEXT NOT NULL,
    schema_id TEXT NOT NULL,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'frozen')),
    cases_per_idva REAL NOT NULL DEFAULT 100,
    high_risk_per_10k_women REAL NOT NULL DEFAULT 40,
    unseen_high_risk_uplift_fte REAL NOT NULL DEFAULT 200,
    created_at TEXT NOT NULL
);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

-- The police force areas a service works in.
CREATE TABLE service_areas (
    service_id INTEGER NOT NULL REFERENCES services (id),
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    PRIMARY KEY (service_id, pfa_code)
);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    service_id INTEGER NOT NULL REFERENCES services (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT
);

-- An invitation to answer one cycle's survey for one service; the link token is stored only as a hash.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    token_hash TEXT NOT NULL UNIQUE,
    sent_at TEXT,
    opened_at TEXT,
    reminded_at TEXT,
    UNIQUE (cycle_id, service_id, contact_id)
);

-- A service's answer to one cycle: partial or submitted, online or by phone, or a decline/closure.
CREATE TABLE responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    schema_version TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('partial', 'submitted')),
    channel TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'import')),
    outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'no_practitioners', 'service_closed')),
    answers TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    UNIQUE (cycle_id, service_id)
);

-- Figures not given directly this cycle: rolled forward from an earlier cycle or given by a third party.
CREATE TABLE carried_figures (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    kind TEXT NOT NULL CHECK (kind IN ('rolled_forward', 'third_party')),
    source TEXT NOT NULL,
    original_cycle_year INTEGER,
    answers TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (cycle_id, service_id)
);

-- A PCC office's confirmation of, or proposed revision to, provisional figures.
CREATE TABLE pcc_reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    service_id INTEGER REFERENCES services (id),
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('confirm', 'revise')),
    reason TEXT NOT NULL,
    proposed TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
    decided_by TEXT,
    decided_at TEXT,
    created_at TEXT NOT NULL
);

-- A cycle's need-model inputs per police force area.
CREATE TABLE need_inputs (
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    adult_females BIGINT NOT NULL,
    marac_cases INTEGER NOT NULL,
    PRIMARY KEY (cycle_id, pfa_code)
);

-- Every change to figures, accounts and cycle state.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_value TEXT,
    after_value TEXT,
    reason TEXT
);

CREATE INDEX responses_by_cycle ON responses (cycle_id);
CREATE INDEX service_areas_by_pfa ON service_areas (pfa_code);
CREATE INDEX audit_events_by_entity ON audit_events (entity, entity_id);
