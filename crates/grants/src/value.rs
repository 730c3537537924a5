//! Value and market: what grants buy (annual value, spend, victims engaged and the cost per
//! victim), how much reaches by-and-for providers and sub-contracted partners, how dependent
//! providers are on their largest funder and how big they are. Every table is by police force
//! area, region and England and Wales; amounts follow the dominance rule with secondary
//! suppression (an amount one organisation makes up most of is never published, nor narrowed
//! to within 10% by the totals beside it), counts of people the cycle's rule, and a figure
//! worked out from hidden ones is hidden too.

mod hierarchy;
mod market;
mod outlay;
mod spending;

pub use hierarchy::{Hierarchy, PfaInRegion};
pub use market::{
    funder_dependency, providers_by_income, Provider, DEPENDENCY_COLUMNS, INCOME_COLUMNS,
};
pub use outlay::Outlay;
pub use spending::{
    grant_value, subcontracting, FundedService, Subcontract, SUBCONTRACT_COLUMNS, VALUE_COLUMNS,
};
