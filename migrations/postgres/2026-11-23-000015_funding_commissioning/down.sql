ALTER TABLE funding_streams DROP COLUMN commissioning;
