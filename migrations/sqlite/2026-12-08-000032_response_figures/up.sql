-- The practitioner figures read from a response's answers when it is submitted, with the key of
-- the figure map and reading they were read under: a cycle's estimates read these instead of
-- reading every answer again. Empty for responses submitted before (their answers are read).
ALTER TABLE responses ADD COLUMN figures TEXT;
ALTER TABLE responses ADD COLUMN figures_key TEXT;
