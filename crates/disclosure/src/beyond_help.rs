//! What suppression can still achieve: where an earlier publication already showed cells, they
//! can pin a hidden cell down whatever else is hidden, so its interval can never be as wide as
//! the rule asks; [`crate::protect`] finds these first, aims for the widest interval possible
//! instead, and spends no complements on cells that stay exact.

use crate::error::DisclosureError;
use crate::grid::Grid;
use crate::interval::Checker;
use crate::status::CellStatus;

/// The widest any suppression can make each cell's interval, for the cells where that is
/// narrower than `need` says (`None` elsewhere, and everywhere when no cell is fixed, since
/// only fixed cells make this possible where zeros are shown): the width with every cell
/// [`crate::protect`] may hide hidden. Hiding more cells only widens intervals, so no
/// suppression does better; `Some(0)` means exact whatever is hidden, and a shown cell so
/// marked would protect nothing if hidden.
pub(crate) fn best_widths(
    grid: &Grid,
    status: &[CellStatus],
    need: &dyn Fn(usize, Option<&CellStatus>) -> Option<i64>,
) -> Result<Vec<Option<i64>>, DisclosureError> {
    let mut best = vec![None; grid.len()];
    if !grid.has_fixed() {
        return Ok(best);
    }
    let widest: Vec<CellStatus> = status
        .iter()
        .enumerate()
        .map(|(cell, &s)| {
            if s == CellStatus::Shown && may_hide(grid, cell) {
                CellStatus::Secondary
            } else {
                s
            }
        })
        .collect();
    let unknown: Vec<bool> = widest.iter().map(|s| *s != CellStatus::Shown).collect();
    let required = |cell: usize| need(cell, widest.get(cell));
    for interval in Checker::default().shortfalls(grid, &unknown, &required)? {
        if let Some(slot) = best.get_mut(interval.cell) {
            *slot = interval.width();
        }
    }
    Ok(best)
}

/// Whether secondary suppression may hide a shown cell: not fixed by an earlier publication,
/// and not a zero where the grid promises zeros are shown.
pub(crate) fn may_hide(grid: &Grid, cell: usize) -> bool {
    grid.fixed(cell).is_none() && (grid.value(cell) != 0 || !grid.zeros_shown())
}
