//! What every built publication file shares, below both the national site (`publish`) and the
//! needs-assessment packs (`packs`): built files, the edition a build is for, the inputs read
//! once per build, the series since the first cycle, the zip archive, the accessible workbook and
//! the cache of unreleased builds by data revision.

pub mod archive;
pub mod cache;
pub mod edition;
pub mod files;
pub mod inputs;
pub mod trends;
pub mod workbook;

pub use edition::{Edition, MapStyle, PublicationState, ReleaseInfo};
pub use files::{content_type, write_files, SiteFile};
pub use inputs::{data_source, read_inputs, read_inputs_protected, Inputs, Protecting};
