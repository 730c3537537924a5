-- Each service's profile for a cycle: what it offers, to whom, how people reach it and its
-- demand, as answers to the service-profile definition. Given by the service through its own
-- link, entered by staff, or rolled forward from an earlier cycle (with that cycle named).
-- Never an address: a refuge's location is secret.
CREATE TABLE service_profiles (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    service_id INTEGER NOT NULL REFERENCES services (id),
    schema_version TEXT NOT NULL,
    answers TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('service', 'staff', 'rolled_forward')),
    carried_from_year INTEGER,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (cycle_id, service_id)
);
