-- Server secrets that must outlive a restart, made on first use: the key that draws the noise
-- on a service's view of its own feedback (the same noise every time, so a page cannot be asked
-- again for a new draw).
CREATE TABLE secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
