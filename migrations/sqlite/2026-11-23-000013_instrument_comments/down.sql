-- Not reversible on SQLite without losing instrument comments; restore a backup instead.
SELECT 1;
