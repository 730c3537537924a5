DROP INDEX responses_submitted_figures;
ALTER TABLE responses DROP COLUMN figures_key;
ALTER TABLE responses DROP COLUMN figures;
