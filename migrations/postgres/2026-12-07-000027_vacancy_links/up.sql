-- A safe-accommodation service's standing link for posting its own refuge vacancies. Only the
-- token's SHA-256 is kept; a service has at most one live link (a new one withdraws the old).
CREATE TABLE vacancy_links (
    id SERIAL PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX vacancy_links_by_service ON vacancy_links (service_id);
-- At most one live link per service, even when two are made at the same moment.
CREATE UNIQUE INDEX vacancy_links_one_live ON vacancy_links (service_id) WHERE withdrawn_at IS NULL;
