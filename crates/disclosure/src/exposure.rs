//! The release audit: given the cells a release hides, which published cells a reader can pin
//! down more tightly than the protection level allows, so the release can be refused naming them.

use crate::error::DisclosureError;
use crate::grid::Grid;
use crate::interval::{unknowns, Bound, Checker, Interval};
use crate::rule::SuppressionRule;

/// A published cell the release gives away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exposure {
    /// What a reader can work out (for a shown small count: exactly its value).
    pub interval: Interval,
    /// The width the interval needed: the protection level for a small count, 1 for any other
    /// hidden cell (it must not be exact).
    pub required: u32,
    /// A small count published as a number rather than hidden.
    pub shown: bool,
}

/// The published cells a release with `suppressed` hidden cells exposes, in cell order: small
/// counts shown, hidden small counts whose interval is narrower than
/// [`SuppressionRule::protection_level`], and hidden cells of any size a reader can work out
/// exactly. Unpublished cells are unknowns to the reader, reported only when guarded
/// ([`Grid::guard`]) and small, like hidden small counts. Cells an earlier
/// publication fixed count as it published them, whatever `suppressed` says: shown ones are
/// known (a small one among them is reported as shown), hidden ones are unknowns and checked.
///
/// The reader is taken to know every relation, every shown cell, that counts are whole and not
/// negative and, where the grid shows zeros, that hidden cells are at least 1. A pattern that
/// hides a zero in such a grid breaks that promise; the hidden zero is then bounded by 0 only,
/// so the true values always fit what the reader is assumed to know.
pub fn audit(
    rule: &SuppressionRule,
    grid: &Grid,
    suppressed: &[bool],
) -> Result<Vec<Exposure>, DisclosureError> {
    grid.check()?;
    let level = rule.protection_level();
    let unknown = unknowns(grid, suppressed);
    let mut out: Vec<Exposure> = (0..grid.len())
        .filter(|&c| !unknown[c] && rule.is_small(grid.value(c)))
        .map(|cell| {
            let value = grid.value(cell);
            Exposure {
                interval: Interval {
                    cell,
                    lower: value,
                    upper: Bound::Finite(value),
                },
                required: level,
                shown: true,
            }
        })
        .collect();
    let required = |cell: usize| -> Option<u32> {
        if grid.is_unpublished(cell) {
            crate::protect::guarded_small(rule, grid, cell).then_some(level)
        } else if rule.is_small(grid.value(cell)) {
            Some(level)
        } else {
            Some(1)
        }
    };
    let narrow = Checker::default().shortfalls(grid, &unknown, &|c| required(c).map(i64::from))?;
    out.extend(narrow.into_iter().map(|interval| Exposure {
        interval,
        required: required(interval.cell).unwrap_or(1),
        shown: false,
    }));
    out.sort_by_key(|e| e.interval.cell);
    Ok(out)
}

/// [`audit`], as a refusal: `Err(DisclosureError::Exposed)` naming every exposed cell.
pub fn ensure_protected(
    rule: &SuppressionRule,
    grid: &Grid,
    suppressed: &[bool],
) -> Result<(), DisclosureError> {
    let exposed = audit(rule, grid, suppressed)?;
    refuse(rule, &exposed, |cell| format!("cell {cell}"))
}

/// `Ok` when nothing is exposed; otherwise the refusal, naming cells with `name`.
pub(crate) fn refuse(
    rule: &SuppressionRule,
    exposed: &[Exposure],
    name: impl Fn(usize) -> String,
) -> Result<(), DisclosureError> {
    if exposed.is_empty() {
        return Ok(());
    }
    let cells = exposed
        .iter()
        .map(|e| {
            let what = if e.shown {
                "a small count shown".to_string()
            } else {
                format!("hidden, but {}", e.interval)
            };
            format!("{} ({what})", name(e.interval.cell))
        })
        .collect::<Vec<_>>()
        .join("; ");
    Err(DisclosureError::Exposed {
        count: exposed.len(),
        level: rule.protection_level(),
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_small_count_and_an_exact_hidden_one_are_named() {
        let mut grid = Grid::new();
        let parts = [grid.cell(3), grid.cell(2), grid.cell(30)];
        grid.total_of(&parts);
        let mut hidden = vec![false; grid.len()];
        hidden[parts[0]] = true;
        let rule = SuppressionRule::default();
        let exposed = audit(&rule, &grid, &hidden).unwrap();
        assert_eq!(exposed.len(), 2);
        assert!(exposed[0].interval.is_exact() && !exposed[0].shown);
        assert!(exposed[1].shown);
        let refusal = ensure_protected(&rule, &grid, &hidden).unwrap_err();
        assert_eq!(
            refusal.to_string(),
            "release refused: 2 cell(s) can be narrowed below the protection level of 4: cell 0 (hidden, but exactly 3); cell 1 (a small count shown)"
        );
    }

    #[test]
    fn a_wide_enough_pattern_passes() {
        let mut grid = Grid::new();
        let parts = [grid.cell(3), grid.cell(6), grid.cell(30)];
        grid.total_of(&parts);
        let mut hidden = vec![false; grid.len()];
        hidden[parts[0]] = true;
        hidden[parts[1]] = true;
        // a + b = 9, both at least 1: a in 1..=8, width 7.
        assert!(ensure_protected(&SuppressionRule::default(), &grid, &hidden).is_ok());
    }
}
