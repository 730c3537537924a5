DROP TABLE refuge_vacancies;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
    CHECK (role IN ('admin', 'analyst', 'pcc_reviewer', 'coder'));
