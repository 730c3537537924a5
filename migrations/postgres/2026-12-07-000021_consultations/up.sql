-- Consultations with survivors, recorded by the survey team or a PCC office for one of its
-- areas: when, how, how many took part and which groups they came from. No names, no notes.
CREATE TABLE consultations (
    id SERIAL PRIMARY KEY,
    pfa_code TEXT NOT NULL REFERENCES police_force_areas (code),
    held_on TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('focus_group', 'lived_experience_panel', 'interviews', 'survey', 'workshop')),
    people INTEGER NOT NULL CHECK (people > 0),
    groups TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX consultations_area ON consultations (pfa_code, held_on);
