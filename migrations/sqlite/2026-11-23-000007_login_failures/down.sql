DROP INDEX login_failures_by_key;
DROP TABLE login_failures;
