-- A wave can hold several instruments beside its per-service practitioner survey (the SV
-- provider, SARC and commissioner surveys, say). Their respondents are people, reached by a
-- named invitation or an open link shared through a network; each answers under a private
-- link of their own.

CREATE TABLE wave_instruments (
    cycle_id INTEGER NOT NULL REFERENCES survey_cycles (id),
    -- A survey definition id, e.g. `sarc-survey-2021`.
    instrument TEXT NOT NULL,
    -- What tables call this instrument's respondents, e.g. `SARCs`.
    group_name TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (cycle_id, instrument)
);

-- A shareable link per distribution channel (e.g. `ADASS bulletin`). The token is in the URL
-- every recipient of the channel sees, so it is kept as is; it opens nothing but a new, empty
-- response.
CREATE TABLE open_links (
    id SERIAL PRIMARY KEY,
    cycle_id INTEGER NOT NULL,
    instrument TEXT NOT NULL,
    channel TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_at TEXT,
    UNIQUE (cycle_id, instrument, channel),
    FOREIGN KEY (cycle_id, instrument) REFERENCES wave_instruments (cycle_id, instrument)
);

-- One person's answers to an instrument. `channel` is the open link's channel or `invitation`;
-- the private resume link is kept only as a SHA-256 hash; `client_key` is a SHA-256 hash of the
-- starting address salted with the link's token, kept only to limit starts per address.
CREATE TABLE instrument_responses (
    id SERIAL PRIMARY KEY,
    cycle_id INTEGER NOT NULL,
    instrument TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    open_link_id INTEGER REFERENCES open_links (id),
    channel TEXT NOT NULL,
    invited_email TEXT,
    resume_hash TEXT NOT NULL UNIQUE,
    client_key TEXT,
    status TEXT NOT NULL CHECK (status IN ('started', 'partial', 'submitted')),
    answers TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    FOREIGN KEY (cycle_id, instrument) REFERENCES wave_instruments (cycle_id, instrument)
);
CREATE INDEX instrument_responses_by_instrument ON instrument_responses (cycle_id, instrument, status);
CREATE INDEX instrument_responses_by_client ON instrument_responses (client_key, created_at);
