//! Data protection (UK GDPR / DPA 2018): consistent backups and restores, the retention policy
//! that erases personal data from old cycles while the figures stay, and subject-access exports
//! of everything held on one email address. Every one of them is audited.

pub mod backup;
pub mod retention;
pub mod subject_access;
