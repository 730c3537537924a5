-- Survivors' feedback. A link belongs to one service and is printed on its cards and leaflets
-- (as a URL and a QR code), so it is kept as given: it grants nothing but leaving feedback.
CREATE TABLE feedback_links (
    id SERIAL PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    token TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    withdrawn_at TEXT
);
CREATE INDEX feedback_links_service ON feedback_links (service_id);

-- One anonymous response: the service, the region it counts in (fixed when it arrives, so a
-- later change to the service's areas never moves it between published regions), the month it
-- arrived (never the moment) and the answers. There is deliberately no column for an address, a
-- user agent, a cookie, an account or the link it came through.
CREATE TABLE feedback_responses (
    id SERIAL PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id),
    region TEXT NOT NULL,
    month TEXT NOT NULL CHECK (length(month) = 7),
    language TEXT NOT NULL CHECK (language IN ('en', 'cy', 'easy-read')),
    answers TEXT NOT NULL
);
CREATE INDEX feedback_responses_service ON feedback_responses (service_id, month);
