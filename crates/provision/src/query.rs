//! Reading a reader's search from a query string: a part given with something in it, a tick box,
//! and the problem of a part that cannot be searched by, naming its field. The directory's filter
//! and the vacancy board's search both read through these.

use serde::Serialize;

/// A search part (or form field) that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

/// The part's value when one was given (blank counts as not given).
pub fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A tick box: `yes` when ticked, absent or blank when not; anything else is named.
pub fn ticked(field: &'static str, value: &Option<String>) -> Result<bool, FieldProblem> {
    match given(value) {
        None => Ok(false),
        Some("yes") => Ok(true),
        Some(other) => Err(FieldProblem {
            field,
            message: format!("'{other}' is not a tick; leave it out, or give yes"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tick_is_yes_or_nothing() {
        assert_eq!(ticked("t", &None), Ok(false));
        assert_eq!(ticked("t", &Some(" ".into())), Ok(false));
        assert_eq!(ticked("t", &Some("yes".into())), Ok(true));
        assert_eq!(ticked("t", &Some("no".into())).unwrap_err().field, "t");
    }
}
