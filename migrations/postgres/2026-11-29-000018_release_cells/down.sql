DROP TRIGGER release_withdrawals_are_immutable ON release_withdrawals;
DROP TABLE release_withdrawals;
DROP TRIGGER release_cells_are_immutable ON release_cells;
DROP TABLE release_cells;
