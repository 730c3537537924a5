-- Releases: a cycle's publication built once from frozen estimates and kept as an immutable
-- snapshot of every file; and the cycle's disclosure-control threshold.

ALTER TABLE survey_cycles ADD COLUMN suppression_threshold INTEGER NOT NULL DEFAULT 5
    CHECK (suppression_threshold BETWEEN 1 AND 100);

CREATE TABLE releases (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    version INTEGER NOT NULL CHECK (version >= 1),
    released_at TEXT NOT NULL,
    released_by TEXT NOT NULL,
    notes TEXT NOT NULL,
    -- The need-model parameters, suppression threshold and map style, as JSON.
    parameters TEXT NOT NULL,
    -- SHA-256 over every file's path and content, in path order.
    content_hash TEXT NOT NULL,
    UNIQUE (cycle_id, version)
);

CREATE TABLE release_files (
    release_id INTEGER NOT NULL REFERENCES releases (id),
    path TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (release_id, path)
);

-- Released means immutable: the database itself refuses to change or remove a snapshot.
CREATE TRIGGER releases_are_immutable BEFORE UPDATE ON releases
BEGIN SELECT RAISE(ABORT, 'a released publication cannot be changed; make a new release'); END;
CREATE TRIGGER releases_are_kept BEFORE DELETE ON releases
BEGIN SELECT RAISE(ABORT, 'a released publication cannot be removed'); END;
CREATE TRIGGER release_files_are_immutable BEFORE UPDATE ON release_files
BEGIN SELECT RAISE(ABORT, 'a released publication cannot be changed; make a new release'); END;
CREATE TRIGGER release_files_are_kept BEFORE DELETE ON release_files
BEGIN SELECT RAISE(ABORT, 'a released publication cannot be removed'); END;
