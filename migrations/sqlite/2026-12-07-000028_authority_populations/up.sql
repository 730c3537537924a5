-- A cycle's all-age population per upper-tier local authority (those in force at its close),
-- with its source: refuge family places by authority against the Council of Europe minimum.
-- Authorities are the embedded ONS lookup, not a table, so the code is checked on import.
CREATE TABLE authority_populations (
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    utla_code TEXT NOT NULL,
    population BIGINT NOT NULL CHECK (population >= 0),
    source TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, utla_code)
);
