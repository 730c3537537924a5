-- The referrer role (professionals who may see the refuge vacancy board, and nothing else).
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
    CHECK (role IN ('admin', 'analyst', 'pcc_reviewer', 'coder', 'referrer'));

-- Live refuge vacancies, posted by a safe-accommodation service (or the team for it) for
-- signed-in referrers only. A vacancy lives 48 hours unless refreshed. It carries no address and
-- no free text: the police force area is the finest place it ever names (its service's).
CREATE TABLE refuge_vacancies (
    id SERIAL PRIMARY KEY,
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
