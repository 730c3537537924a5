-- What each release published of every table of people, kept privately beside it: the true
-- values (hidden ones too), which were hidden, and the relations between them. The next version
-- of the same cycle is protected beside it, since every earlier version stays public for good.
CREATE TABLE release_cells (
    release_id INTEGER PRIMARY KEY NOT NULL REFERENCES releases (id),
    cells TEXT NOT NULL
);

CREATE TRIGGER release_cells_are_immutable BEFORE UPDATE ON release_cells
BEGIN SELECT RAISE(ABORT, 'a released publication cannot be changed; make a new release'); END;
CREATE TRIGGER release_cells_are_kept BEFORE DELETE ON release_cells
BEGIN SELECT RAISE(ABORT, 'a released publication cannot be removed'); END;

-- A released version withdrawn from public view (it located a refuge, say): its files are kept,
-- never served again; the notice says when, by whom and why. Withdrawals are for good.
CREATE TABLE release_withdrawals (
    release_id INTEGER PRIMARY KEY NOT NULL REFERENCES releases (id),
    withdrawn_at TEXT NOT NULL,
    withdrawn_by TEXT NOT NULL,
    reason TEXT NOT NULL
);

CREATE TRIGGER release_withdrawals_are_immutable BEFORE UPDATE ON release_withdrawals
BEGIN SELECT RAISE(ABORT, 'a withdrawal cannot be changed'); END;
CREATE TRIGGER release_withdrawals_are_kept BEFORE DELETE ON release_withdrawals
BEGIN SELECT RAISE(ABORT, 'a withdrawal cannot be undone'); END;
