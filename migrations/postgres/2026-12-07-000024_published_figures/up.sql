-- Figures a charity published before Frontline (a year with no cycle here), imported with their
-- source so the series since the first cycle can start with them: one row per level, area and
-- series column, the value as printed ('[c]' where suppressed).
CREATE TABLE published_figures (
    year INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('national', 'region', 'pfa')),
    area TEXT NOT NULL,
    measure TEXT NOT NULL,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (year, level, area, measure)
);
