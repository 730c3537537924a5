//! Service profiles — what each service offers, to whom, how people reach it and its demand —
//! kept per cycle: given through the service's own link or by staff (checked in full), rolled
//! forward from the last cycle with that cycle named, and read per police force area with the
//! area's gap flags and the funding that ends soon.

pub mod area;
pub mod directory;
pub mod roll_forward;
pub mod safe_accommodation;
pub mod saving;
