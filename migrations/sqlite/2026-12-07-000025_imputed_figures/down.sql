DELETE FROM carried_figures WHERE kind = 'imputed';
CREATE TABLE carried_figures_old (
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
INSERT INTO carried_figures_old SELECT * FROM carried_figures;
DROP TABLE carried_figures;
ALTER TABLE carried_figures_old RENAME TO carried_figures;
