-- A cycle's residents by group per police force area (age band, sex, ethnic group, disability;
-- the VFS returns' categories, as JSON: column → people), with their source: who is missing from
-- the people the services support.
CREATE TABLE area_population_groups (
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    groups TEXT NOT NULL,
    source TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, pfa_code)
);
