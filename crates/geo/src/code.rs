//! A police force area's ONS code (`E23000001`, `W15000004`): checked once where it enters, so
//! an area key is never an arbitrary string.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;

/// An ONS police force area code: `E23` (England) or `W15` (Wales) and six digits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PfaCode(String);

/// Text that is not a police force area code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a police force area code (E23 or W15 and six digits, such as E23000032)")]
pub struct NotAPfaCode(pub String);

impl PfaCode {
    /// The code in `text` (spaces around it and letter case ignored).
    pub fn parse(text: &str) -> Result<PfaCode, NotAPfaCode> {
        let code = text.trim().to_ascii_uppercase();
        let shaped = code.len() == 9
            && code.is_ascii()
            && matches!(&code[..3], "E23" | "W15")
            && code[3..].bytes().all(|b| b.is_ascii_digit());
        if shaped {
            Ok(PfaCode(code))
        } else {
            Err(NotAPfaCode(text.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the area is in Wales.
    pub fn is_welsh(&self) -> bool {
        self.0.starts_with('W')
    }
}

impl TryFrom<String> for PfaCode {
    type Error = NotAPfaCode;

    fn try_from(text: String) -> Result<Self, NotAPfaCode> {
        PfaCode::parse(&text)
    }
}

impl From<PfaCode> for String {
    fn from(code: PfaCode) -> String {
        code.0
    }
}

impl fmt::Display for PfaCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A code reads as the text it is wherever text is asked for; it cannot be changed through it.
impl std::ops::Deref for PfaCode {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for PfaCode {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for PfaCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for PfaCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for PfaCode {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for PfaCode {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

impl PartialEq<PfaCode> for String {
    fn eq(&self, other: &PfaCode) -> bool {
        *self == other.0
    }
}

impl PartialEq<PfaCode> for str {
    fn eq(&self, other: &PfaCode) -> bool {
        *self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_welsh_codes_are_codes() {
        assert_eq!(
            PfaCode::parse(" e23000032 ").expect("Kent").as_str(),
            "E23000032"
        );
        assert!(PfaCode::parse("W15000004").expect("Dyfed-Powys").is_welsh());
    }

    #[test]
    fn anything_else_is_named() {
        for bad in [
            "",
            "E2300003",
            "E230000321",
            "E06000035",
            "Kent",
            "E23-00032",
            "É2300003",
            "a€€€",
        ] {
            let e = PfaCode::parse(bad).expect_err(bad);
            assert!(e.to_string().contains(&format!("'{bad}'")), "{e}");
        }
    }

    #[test]
    fn read_from_csv_and_json_by_its_shape() {
        let code: PfaCode = serde_json::from_str("\"E23000001\"").expect("a code");
        assert_eq!(serde_json::to_string(&code).expect("json"), "\"E23000001\"");
        assert!(serde_json::from_str::<PfaCode>("\"nowhere\"").is_err());
    }
}
