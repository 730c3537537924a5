-- A cycle's area populations for the needs-assessment pack: women and men aged 16 and over and
-- children aged 0-15 per police force area, with their source; imported all or nothing.
CREATE TABLE area_populations (
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    females_16_plus BIGINT NOT NULL CHECK (females_16_plus >= 0),
    males_16_plus BIGINT NOT NULL CHECK (males_16_plus >= 0),
    children_0_15 BIGINT NOT NULL CHECK (children_0_15 >= 0),
    source TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, pfa_code)
);

-- National prevalence rates as a cycle's parameters, each with its source. A cycle with none
-- stored uses the defaults the reference material gives.
CREATE TABLE prevalence_rates (
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    rate_id TEXT NOT NULL,
    label TEXT NOT NULL,
    applies_to TEXT NOT NULL CHECK (applies_to IN ('women_16_plus', 'men_16_plus', 'adults_16_plus')),
    percent REAL NOT NULL CHECK (percent >= 0 AND percent <= 100),
    source TEXT NOT NULL CHECK (source <> ''),
    entered_by TEXT NOT NULL,
    entered_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, rate_id)
);
