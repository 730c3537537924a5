//! The practitioner roles as the publication labels them.

/// The published role labels, in column order.
pub const ROLE_LABELS: [(&str, &str); 8] = [
    ("idva", "Idva"),
    ("outreach", "Outreach"),
    ("refuge", "Refuge"),
    ("isva", "Isva"),
    ("ypva", "Ypva"),
    ("children", "Children's"),
    ("perpetrator", "Perpetrator"),
    ("other", "Other"),
];
