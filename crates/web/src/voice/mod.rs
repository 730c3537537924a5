//! Survivors' voice in the platform: the feedback desk that serves the anonymous form and keeps
//! what it is sent (and nothing about who sent it), the links services print, and what a
//! service, the team and the PCC offices see of the results; and the consultations with survivors
//! the team and the PCC offices record.

pub mod consultations;
pub mod desk;
pub mod links;
pub mod publication;
pub mod views;
