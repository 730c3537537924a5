DROP TRIGGER release_files_are_immutable ON release_files;
DROP TRIGGER releases_are_immutable ON releases;
DROP FUNCTION refuse_release_change();
DROP TABLE release_files;
DROP TABLE releases;
ALTER TABLE survey_cycles DROP COLUMN suppression_threshold;
