-- Optional TOTP two-factor sign-in: the shared secret (base32) and the last time step used,
-- so a code cannot be replayed.
ALTER TABLE accounts ADD COLUMN totp_secret TEXT;
ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT;
