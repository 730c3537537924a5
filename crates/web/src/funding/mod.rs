//! The funding register of a cycle: imported from CSV (all or nothing), and tabulated for the
//! publication (funding terms and funding mix by region). The rules and tables are the
//! `frontline-provision` crate's; this is the glue to the store.

pub mod import;
pub mod tables;
