//! Secrets handed to people (invitation links, session cookies, CSRF tokens) and the hashes
//! stored in their place.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::fmt;

/// A new 256-bit secret from the operating system's generator, as 64 hex digits.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// A secret handed to one person in a link or a cookie (an invitation, a return request, an
/// account set-up, a session, a resume link). Only its [`TokenHash`] is stored. It never shows
/// in logs or errors: `Debug` and `Display` print a placeholder, and the secret itself is had
/// only through [`LinkToken::expose`], where a link or cookie is written.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkToken(String);

impl LinkToken {
    /// A fresh token.
    pub fn generate() -> LinkToken {
        LinkToken(new_token())
    }

    /// The token in a link or cookie as it arrived; none unless it has a token's shape (64 hex
    /// digits), so nothing else is ever looked up.
    pub fn from_link(text: &str) -> Option<LinkToken> {
        let shaped = text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit());
        shaped.then(|| LinkToken(text.to_ascii_lowercase()))
    }

    /// The secret, for writing into a link or cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What is stored in the token's place.
    pub fn hash(&self) -> TokenHash {
        TokenHash(hex(&Sha256::digest(self.0.as_bytes())))
    }
}

impl fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LinkToken(redacted)")
    }
}

impl fmt::Display for LinkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[link token]")
    }
}

/// SHA-256 of a [`LinkToken`], as 64 hex digits: what the database keeps and looks up by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, AsExpression, FromSqlRow)]
#[diesel(sql_type = Text)]
pub struct TokenHash(String);

impl TokenHash {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<DB> ToSql<Text, DB> for TokenHash
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        self.0.as_str().to_sql(out)
    }
}

impl<DB> FromSql<Text, DB> for TokenHash
where
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        Ok(TokenHash(String::from_sql(bytes)?))
    }
}

/// SHA-256 of some bytes, as 64 hex digits (content hashes of released files).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// An argon2id hash of a password, with a fresh salt, in PHC string form.
pub fn hash_password(password: &str) -> Result<String, String> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt = SaltString::generate(&mut OsRng);
    argon2::Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches a stored PHC hash. A malformed hash (an account whose password is
/// not set yet) never matches, and costs as long as a real check.
pub fn verify_password(password: &str, stored: &str) -> bool {
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let check = |parsed: &PasswordHash| {
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), parsed)
            .is_ok()
    };
    match PasswordHash::new(stored) {
        Ok(parsed) => check(&parsed),
        Err(_) => {
            if let Ok(decoy) = PasswordHash::new(decoy_password_hash()) {
                check(&decoy);
            }
            false
        }
    }
}

/// A password hash no password matches in practice (of a random secret, made once per
/// process): checked against when an address has no account, so that takes as long as a wrong
/// password does.
pub fn decoy_password_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&new_token()).unwrap_or_default())
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Seconds per TOTP time step (RFC 6238's default, what authenticator apps use).
const TOTP_STEP: i64 = 30;

/// A new TOTP secret: 160 random bits, base32 as authenticator apps take it.
pub fn new_totp_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    data_encoding::BASE32_NOPAD.encode(&bytes)
}

/// The 6-digit code for `secret` at time step `step` (RFC 6238 over HMAC-SHA1, RFC 4226).
pub fn totp_code(secret: &str, step: i64) -> Option<String> {
    use hmac::{Hmac, Mac};
    let key = data_encoding::BASE32_NOPAD
        .decode(secret.trim().to_ascii_uppercase().as_bytes())
        .ok()?;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(&key).ok()?;
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = usize::from(digest[19] & 0x0f);
    let value = u32::from_be_bytes([
        digest[offset] & 0x7f,
        digest[offset + 1],
        digest[offset + 2],
        digest[offset + 3],
    ]);
    Some(format!("{:06}", value % 1_000_000))
}

/// The time step now.
pub fn totp_step_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp() / TOTP_STEP
}

/// The step whose code `code` is, allowing one step of clock drift either way.
pub fn verify_totp(secret: &str, code: &str, now_step: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    (now_step - 1..=now_step + 1).find(|step| {
        totp_code(secret, *step).is_some_and(|expected| constant_time_eq(&expected, &code))
    })
}

/// The `otpauth://` address an authenticator app reads (as a link or typed in).
pub fn totp_uri(secret: &str, account: &str) -> String {
    let label: String = account
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "@.-_".contains(c) {
                c.to_string()
            } else {
                format!("%{:02X}", c as u32 & 0xff)
            }
        })
        .collect();
    format!("otpauth://totp/Frontline:{label}?secret={secret}&issuer=Frontline&digits=6&period=30")
}

#[cfg(test)]
mod totp_tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_test_vectors() {
        // RFC 6238 appendix B: the ASCII secret "12345678901234567890", 8-digit codes; ours are
        // the last six digits.
        let secret = data_encoding::BASE32_NOPAD.encode(b"12345678901234567890");
        for (time, eight) in [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            assert_eq!(totp_code(&secret, time / 30).unwrap(), eight[2..]);
        }
        assert_eq!(verify_totp(&secret, "287 082", 1), Some(1));
        assert_eq!(verify_totp(&secret, "287082", 5), None, "too far from now");
        assert!(totp_code("not base32!", 1).is_none());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        let link = LinkToken::from_link(&a).expect("a token");
        assert_eq!(link.hash(), link.hash());
        assert_ne!(link.hash().as_str(), a);
        assert!(constant_time_eq(&a, &a.clone()));
        assert!(!constant_time_eq(&a, &b));
    }

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let stored = hash_password("correct horse").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &stored));
        assert!(!verify_password("wrong horse", &stored));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn a_link_token_never_prints_itself() {
        let token = LinkToken::generate();
        let secret = token.expose().to_string();
        assert!(!format!("{token} {token:?}").contains(&secret));
        assert_eq!(LinkToken::from_link(&secret), Some(token.clone()));
        assert_eq!(
            LinkToken::from_link(&secret.to_uppercase()),
            Some(token.clone())
        );
        assert_ne!(token.hash().as_str(), secret);
        assert_eq!(token.hash().as_str().len(), 64);
        for bad in ["", "abc", "../../etc/passwd", &format!("{secret}0")] {
            assert_eq!(LinkToken::from_link(bad), None, "{bad}");
        }
    }
}
