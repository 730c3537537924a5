ALTER TABLE accounts DROP COLUMN totp_pending;
