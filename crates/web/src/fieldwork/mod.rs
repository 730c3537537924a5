//! The survey team's fieldwork: contacts, invitations, reminders, answering (online or by
//! phone), cycle opening and closing, tracking and export.

pub mod answering;
pub mod contacts;
pub mod cycle_state;
pub mod export;
pub mod invitations;
pub mod mail_round;
pub mod reminders;
pub mod tracking;
