-- The practitioner figures read from a response's answers when it is submitted, with the key of
-- the figure map and reading they were read under: a cycle's estimates read these instead of
-- reading every answer again. Empty for responses submitted before (their answers are read).
ALTER TABLE responses ADD COLUMN figures TEXT;
ALTER TABLE responses ADD COLUMN figures_key TEXT;

-- A cycle's submitted figures are read along this index alone, in order of service: a range of
-- small entries rather than a look-up of every wide row (answers twice) one at a time.
CREATE INDEX responses_submitted_figures
    ON responses (cycle_id, status, outcome, service_id, schema_version, channel, figures_key, figures);
