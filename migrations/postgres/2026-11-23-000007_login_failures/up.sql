-- Failed sign-ins, kept in the database so every server behind a load balancer counts the same
-- attempts (per account and per client address).
CREATE TABLE login_failures (
    id SERIAL PRIMARY KEY,
    key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures (key, at);
