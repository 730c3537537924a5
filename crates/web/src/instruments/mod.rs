//! A wave's extra instruments (the SV provider, SARC and commissioner surveys, say): adding them
//! to a wave, open links per channel with their guards, named invitations, answering by a
//! private link, and the comparisons and exports across them.

pub mod answering;
pub mod export;
pub mod invitations;
pub mod open_links;
pub mod results;
pub mod wave;
