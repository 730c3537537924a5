//! Reading posted HTML forms (`application/x-www-form-urlencoded`): the pairs as sent, with
//! repeated names kept (checkboxes), and one field's value.

use crate::error::{AppError, AppResult};

pub type Fields = Vec<(String, String)>;

pub fn parse(body: &[u8]) -> AppResult<Fields> {
    serde_urlencoded::from_bytes(body)
        .map_err(|e| AppError::invalid("form", format!("could not be read: {e}")))
}

/// A field's value exactly as typed (for passwords), or "" when absent.
pub fn raw<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A field's value without surrounding spaces, or "" when absent.
pub fn field(fields: &[(String, String)], name: &str) -> String {
    raw(fields, name).trim().to_string()
}

/// A field holding FTE, as a number; range and precision are the domain's to check.
/// A number of FTE as a person types it: digits with at most one decimal point (not `1e9`,
/// `inf` or `-2`).
pub fn fte(fields: &[(String, String)], name: &str) -> AppResult<f64> {
    let raw = field(fields, name);
    let typed = raw.trim();
    let plain = !typed.is_empty()
        && typed.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && typed.bytes().filter(|b| *b == b'.').count() <= 1;
    plain
        .then(|| typed.parse::<f64>().ok())
        .flatten()
        .ok_or_else(|| AppError::invalid(name, format!("'{raw}' is not a number of FTE, like 2.5")))
}
