DROP INDEX pcc_reviews_by_cycle;
ALTER TABLE pcc_reviews DROP COLUMN decision_reason;
DROP TABLE account_setup_tokens;
DROP TABLE account_areas;
ALTER TABLE accounts DROP COLUMN office;
