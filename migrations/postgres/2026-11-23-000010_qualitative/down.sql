DROP TABLE quotes;
DROP TABLE adjudications;
DROP TABLE codings;
DROP TABLE comments;
DROP TABLE codebooks;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
    CHECK (role IN ('admin', 'analyst', 'pcc_reviewer'));
