DROP TABLE return_tokens;
DROP TABLE return_requests;
DROP INDEX vfs_returns_by_period;
DROP TABLE vfs_returns;
DROP TABLE programme_periods;
DROP TABLE programme_services;
DROP TABLE programmes;
