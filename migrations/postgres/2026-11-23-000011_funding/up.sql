-- The funding register: each service's funding streams in a cycle, from the funding import,
-- the survey or the survey team. Amounts are whole pence; dates `YYYY-MM-DD`, the end date
-- being the last day the stream pays for.
CREATE TABLE funding_streams (
    id SERIAL PRIMARY KEY,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    funder_type TEXT NOT NULL,
    funder TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('grant', 'contract')),
    role TEXT NOT NULL,
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL,
    annual_pence BIGINT NOT NULL CHECK (annual_pence >= 0),
    core_costs_covered TEXT NOT NULL CHECK (core_costs_covered IN ('yes', 'partly', 'no')),
    ring_fenced BOOLEAN NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('import', 'survey', 'staff')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX funding_streams_by_cycle ON funding_streams (cycle_id, service_id);
