-- Two-factor sign-in: the server makes the secret and keeps it here, pending, until the person
-- proves a code from it (with their password); only then does it become totp_secret.
ALTER TABLE accounts ADD COLUMN totp_pending TEXT;
