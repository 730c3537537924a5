-- Ratio imputation: a carried figure may be imputed from the services of its class that answered.
-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the new one.
CREATE TABLE carried_figures_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    kind TEXT NOT NULL CHECK (kind IN ('rolled_forward', 'third_party', 'imputed')),
    source TEXT NOT NULL,
    original_cycle_year INTEGER,
    answers TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (cycle_id, service_id)
);
INSERT INTO carried_figures_new SELECT * FROM carried_figures;
DROP TABLE carried_figures;
ALTER TABLE carried_figures_new RENAME TO carried_figures;
