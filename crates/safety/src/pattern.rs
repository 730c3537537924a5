//! Compiling the crate's own regular expressions.

use regex::Regex;

/// Compile a pattern written into this crate; a failure is a bug caught by the unit tests.
pub(crate) fn compile(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(regex) => regex,
        Err(error) => panic!("built-in location pattern does not compile: {error}"),
    }
}
