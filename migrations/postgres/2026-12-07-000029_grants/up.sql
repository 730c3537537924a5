-- Grant agreements within a commissioner programme, with their KPIs on the VFS core metrics,
-- each period's financial return (budget and spend; the underspend is worked out, never
-- stored), reviews (opened, then decided with reasons; decommissioning with an exit plan),
-- money passed on to sub-contracted partners, and due diligence held on each provider.
CREATE TABLE grants (
    id SERIAL PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    -- The police force area of the commissioner who holds the grant: only the survey team and
    -- that area's PCC office see it or change it.
    commissioned_in TEXT NOT NULL REFERENCES police_force_areas (code),
    grant_ref TEXT NOT NULL,
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL CHECK (end_on >= start_on),
    annual_pence BIGINT NOT NULL CHECK (annual_pence > 0),
    notice_months INTEGER NOT NULL CHECK (notice_months >= 0 AND notice_months <= 24),
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (programme_id, grant_ref)
);
CREATE INDEX grants_by_service ON grants (service_id);

CREATE TABLE grant_kpis (
    grant_id INTEGER NOT NULL REFERENCES grants (id),
    metric TEXT NOT NULL,
    rule TEXT NOT NULL CHECK (rule IN ('at_least', 'at_most')),
    target DOUBLE PRECISION NOT NULL CHECK (target >= 0),
    PRIMARY KEY (grant_id, metric)
);

CREATE TABLE grant_finance (
    grant_id INTEGER NOT NULL REFERENCES grants (id),
    period TEXT NOT NULL,
    budget_pence BIGINT NOT NULL CHECK (budget_pence >= 0),
    spend_pence BIGINT NOT NULL CHECK (spend_pence >= 0),
    explanation TEXT,
    given_by TEXT NOT NULL,
    given_at TEXT NOT NULL,
    PRIMARY KEY (grant_id, period)
);

CREATE TABLE grant_reviews (
    id SERIAL PRIMARY KEY,
    grant_id INTEGER NOT NULL REFERENCES grants (id),
    opened_on TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    decision TEXT CHECK (decision IN ('continue', 'vary', 'decommission')),
    reasons TEXT,
    exit_plan TEXT,
    decided_by TEXT,
    decided_on TEXT,
    CHECK (decision IS NULL OR (reasons IS NOT NULL AND decided_by IS NOT NULL AND decided_on IS NOT NULL)),
    CHECK (decision IS NULL OR decision <> 'decommission' OR exit_plan IS NOT NULL)
);
-- One open review per grant at a time.
CREATE UNIQUE INDEX grant_reviews_one_open ON grant_reviews (grant_id) WHERE decision IS NULL;

CREATE TABLE grant_subcontracts (
    grant_id INTEGER NOT NULL REFERENCES grants (id),
    partner_service_id INTEGER NOT NULL REFERENCES services (id),
    annual_pence BIGINT NOT NULL CHECK (annual_pence > 0),
    PRIMARY KEY (grant_id, partner_service_id)
);

CREATE TABLE due_diligence (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    item TEXT NOT NULL,
    reference TEXT NOT NULL,
    due_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    reminded_on TEXT,
    PRIMARY KEY (organisation_id, item)
);
