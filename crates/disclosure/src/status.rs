//! How a cell is published: shown, hidden as a small count or as a complement, or never
//! published at all.

/// How a cell is published. A cell an earlier publication fixed ([`crate::Fixed`]) keeps its status:
/// shown, or hidden as [`CellStatus::Primary`] if small and [`CellStatus::Secondary`] if not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStatus {
    Shown,
    /// A small count.
    Primary,
    /// Hidden so that a small count cannot be worked out from a total.
    Secondary,
    /// Never published (a relation's hidden sum); a reader does not know it.
    Unpublished,
}
