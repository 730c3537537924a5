//! Statistical disclosure control for counts of people: one configurable rule (primary
//! suppression of small counts), secondary suppression so that no reader can work out a
//! suppressed cell, or narrow it down too far, from everything published beside it, and an
//! audit that proves it.
//!
//! # The rule
//!
//! Counts from 1 up to (not including) the [`SuppressionRule`] threshold are published as
//! [`SUPPRESSED`]; zero is shown. Further ("secondary") cells are hidden so the small ones
//! cannot be recovered from totals.
//!
//! # What a reader knows
//!
//! A table is described as a [`Grid`]: its cells' values and the additive relations between
//! them (a total equals the sum of its parts), including totals never published
//! ([`Grid::unpublished_total_of`]). A reader knows every relation and every shown cell, that
//! counts are whole and not negative, and, because the tables say zero is shown
//! ([`Grid::zeros_shown`], the default), that every hidden cell is at least 1. Solving equations
//! alone ([`derivable_cells`]) misses most of this: five hidden cells under a shown total of 5
//! are all 1, though no equation isolates one.
//!
//! # Protection intervals
//!
//! For each hidden cell, the smallest and largest value consistent with all of that is its
//! [`Interval`], found by linear programming (pure Rust, via `good_lp` and `microlp`), solved
//! separately for each group of hidden cells linked by relations, and re-solved with integer
//! variables wherever the relaxation's optimum is not whole, so the interval is never looser
//! than an attacker using integer programming finds. A hidden small count is protected when
//! its interval is at least [`SuppressionRule::protection_level`] wide (`threshold − 1`: with
//! the default threshold 5, at least 5 possible values); every other hidden cell must at least
//! not be exact. An interval with no upper end is protected. [`protect`] hides complements
//! until that holds for every hidden cell; [`intervals`] reports every interval; [`audit`] (and
//! [`ensure_protected`], to refuse a release) checks any suppression pattern and names the
//! exposed cells.
//!
//! # Linked tables
//!
//! Tables published together share cells (a national table, and the same categories by group,
//! with the same totals). A reader combines them, so they must be protected as one problem:
//! [`LinkedTables`] declares each table's cells by a caller-chosen key, a key declared twice is
//! one cell (whose values must agree), and [`LinkedTables::protect`] protects the combined grid;
//! each table then reads its cells' status by key from [`LinkedProtection`].
//!
//! # Coverings
//!
//! Some tables count an item in every group it belongs to (a comment in each region its service
//! works in), so the groups do not add up to the count of distinct items: they cover it. A
//! reader knows each group's figure is at most the total and the groups together are at least
//! it ([`Grid::covered_by`], [`LinkedTables::covered_by`]). The interval audit uses these
//! inequalities and [`protect`] chooses complements within them as within sums;
//! [`derivable_cells`] uses sums only.
//!
//! # A corrected release
//!
//! Version 2 of a release is read beside version 1, which stays public: version 1's cells are
//! part of the problem with their status fixed ([`Fixed`]; [`Grid::fixed_shown`],
//! [`Grid::fixed_hidden`], [`LinkedTables::published_earlier`]). [`protect`] never changes a
//! fixed cell and chooses complements only among the others; the audit takes fixed-shown cells
//! as known and fixed-hidden ones as unknowns. Where cells already shown pin a new small count
//! down, nothing can protect it: [`protect`] still succeeds and [`audit`] names the cell, so
//! the release can be refused.
//!
//! # A whole release
//!
//! Every table of people asks a [`CellProtector`] for its protection, naming its cells with
//! keys and its family (the tables built from one grid). A [`SuppressionRule`] alone protects
//! each grid by itself; a [`ReleaseProtector`] reads each family beside the same family in every
//! earlier version of the release (kept privately as [`PublishedCells`]) and records what this
//! version publishes for the next.
//!
//! # Amounts of money
//!
//! Tables of magnitudes are protected differently ([`protect_magnitudes`]): an amount is
//! sensitive under a [`DominanceRule`] (by default `(1, 85%)`: one contributor makes up more
//! than 85% of it, or it has only one), and a hidden sensitive amount must not be narrowed to
//! within a relative protection level of its value (±10%, say) from the sums and coverings
//! published with it; [`audit_magnitudes`] checks any pattern.
//!
//! Nothing here knows about HTTP, SQL or file formats; every output format asks the same
//! [`Protection`] which cells to show as [`SUPPRESSED`].

mod audit;
mod beyond_help;
mod components;
mod error;
mod exposure;
mod grid;
mod interval;
mod linked;
mod lp;
mod magnitude;
mod protect;
mod release;
mod rule;
mod status;

pub use audit::derivable_cells;
pub use error::DisclosureError;
pub use exposure::{audit, ensure_protected, Exposure};
pub use grid::{Constraint, Fixed, Grid, TwoWay};
pub use interval::{intervals, Bound, Interval};
pub use linked::{LinkedProtection, LinkedTables};
pub use magnitude::{
    audit_magnitudes, ensure_magnitudes_protected, protect_magnitudes, DominanceRule,
    MagnitudeExposure,
};
pub use protect::{protect, CellStatus, Protection};
pub use release::{CellProtector, KeyedGrid, PublishedCells, PublishedFamily, ReleaseProtector};
pub use rule::{SuppressionRule, SUPPRESSED};
