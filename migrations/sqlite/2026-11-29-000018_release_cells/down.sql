DROP TRIGGER release_withdrawals_are_kept;
DROP TRIGGER release_withdrawals_are_immutable;
DROP TABLE release_withdrawals;
DROP TRIGGER release_cells_are_kept;
DROP TRIGGER release_cells_are_immutable;
DROP TABLE release_cells;
