//! Grant agreements and their monitoring — the commissioning cycle's Do and Review stages: a
//! programme's grants with KPIs on the VFS core metrics (imported all or nothing), each period's
//! KPI statuses against the one return a service makes, financial monitoring, review decisions
//! and exit with notice, due diligence on providers with review dates, and the value and market
//! tables (cost per victim, by-and-for share, sub-contracting, funder dependency, provider size)
//! under the disclosure rules. No HTTP, no SQL.

pub mod diligence;
mod error;
pub mod finance;
pub mod grant;
pub mod import;
pub mod kpi;
pub mod monitoring;
pub mod review;
pub mod value;

pub use error::GrantsError;
pub use grant::GrantTerms;
