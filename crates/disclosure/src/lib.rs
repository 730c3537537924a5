//! Statistical disclosure control for counts of people: one configurable rule (primary
//! suppression of small counts), secondary suppression so that no suppressed cell can be worked
//! out from the totals published beside it, and an audit that proves it.
//!
//! A table is described as a [`Grid`]: its cells' values and the additive relations between them
//! (a total equals the sum of its parts). Nothing here knows about HTTP, SQL or file formats; every
//! output format asks the same [`Protection`] which cells to show as [`SUPPRESSED`].

mod audit;
mod error;
mod grid;
mod protect;
mod rule;

pub use audit::derivable_cells;
pub use error::DisclosureError;
pub use grid::{Constraint, Grid};
pub use protect::{protect, CellStatus, Protection};
pub use rule::{SuppressionRule, SUPPRESSED};
