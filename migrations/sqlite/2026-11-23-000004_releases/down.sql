DROP TRIGGER release_files_are_kept;
DROP TRIGGER release_files_are_immutable;
DROP TRIGGER releases_are_kept;
DROP TRIGGER releases_are_immutable;
DROP TABLE release_files;
DROP TABLE releases;
ALTER TABLE survey_cycles DROP COLUMN suppression_threshold;
