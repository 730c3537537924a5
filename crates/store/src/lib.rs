//! Reading and writing the platform's records; each module owns one kind of record.

pub mod accounts;
pub mod audit;
pub mod carried;
pub mod codebooks;
pub mod codings;
pub mod comments;
pub mod cycles;
pub mod funding;
pub mod geography;
pub mod instruments;
pub mod invitations;
pub mod need_inputs;
pub mod outbox;
pub mod populations;
pub mod profiles;
pub mod programmes;
pub mod quotes;
pub mod releases;
pub mod responses;
pub mod reviews;
pub mod services;
pub mod vfs_returns;
