//! Structured contact answers a service may make public: a UK telephone number (kept in one
//! normalised form), an email address and an `https` web address. Each is checked whole, so a
//! contact answer can carry nothing but the contact itself.

/// A UK telephone number in its normalised written form (`01227 123456`, `0808 2000 247`,
/// `07700 900123`, `116 123`), from any common way of typing it (`+44 (0)1227 123456`,
/// `01227-123456`). Refuses anything with letters or other characters.
pub fn normalise_uk_phone(typed: &str) -> Result<String, String> {
    let refuse = || {
        format!(
            "'{}' is not a UK telephone number; give it like 01227 123456 or 0808 2000 247",
            typed.trim()
        )
    };
    let mut digits = String::new();
    let mut rest = typed.trim();
    if let Some(after) = rest.strip_prefix('+') {
        rest = after;
        digits.push('+');
    }
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '.' => {}
            _ => return Err(refuse()),
        }
    }
    // +44 (0)1227 … and +441227 … are both 01227 …
    let national = match digits.strip_prefix("+44") {
        Some(after) => format!("0{}", after.strip_prefix('0').unwrap_or(after)),
        None if digits.starts_with('+') => return Err(refuse()),
        None => digits,
    };
    group_uk_number(&national).ok_or_else(refuse)
}

/// Groups a UK number's digits as it is usually written, or `None` when it is not one.
fn group_uk_number(n: &str) -> Option<String> {
    let split = |at: &[usize]| {
        let mut out = String::new();
        let mut last = 0;
        for &i in at {
            out.push_str(&n[last..i]);
            out.push(' ');
            last = i;
        }
        out.push_str(&n[last..]);
        out
    };
    match (n.len(), n.as_bytes().first(), n.get(..2)) {
        // Helplines such as 116 123 (emotional support) and 111.
        (6, Some(b'1'), _) if n.starts_with("116") => Some(split(&[3])),
        (11, Some(b'0'), Some("02")) => Some(split(&[3, 7])),
        (11, Some(b'0'), Some("07")) => Some(split(&[5])),
        (11, Some(b'0'), Some("08")) | (11, Some(b'0'), Some("03")) => Some(split(&[4, 8])),
        (11, Some(b'0'), Some("01")) => Some(split(&[5])),
        (10, Some(b'0'), Some("01")) | (10, Some(b'0'), Some("08")) => Some(split(&[5])),
        _ => None,
    }
}

/// An email address as given (trimmed, lower case), when it has one `@`, a dotted domain and no
/// spaces or characters that do not belong in an address.
pub fn check_email(typed: &str) -> Result<String, String> {
    let email = typed.trim().to_lowercase();
    let refuse = || {
        format!(
            "'{}' is not an email address, like help@example.org",
            typed.trim()
        )
    };
    let (local, domain) = email.split_once('@').ok_or_else(refuse)?;
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if local_ok && domain_ok && email.len() <= 254 {
        Ok(email)
    } else {
        Err(refuse())
    }
}

/// An email address, checked once where it is typed or imported (by [`check_email`]) and kept
/// in lower case: an account's, a contact's, a person invited to a wave.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// The address as typed, or what is wrong with it.
    pub fn parse(typed: &str) -> Result<EmailAddress, String> {
        check_email(typed).map(EmailAddress)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for EmailAddress {
    type Err = String;

    fn from_str(typed: &str) -> Result<EmailAddress, String> {
        EmailAddress::parse(typed)
    }
}

/// A secure web address (`https://` and a dotted host), as given (trimmed). A plain host such as
/// `www.example.org` is read as `https://www.example.org`.
pub fn check_website(typed: &str) -> Result<String, String> {
    let typed = typed.trim();
    let refuse = |why: &str| format!("'{typed}' is not a web address {why}");
    let url = if typed.contains("://") {
        typed.to_string()
    } else {
        format!("https://{typed}")
    };
    let rest = url
        .strip_prefix("https://")
        .ok_or_else(|| refuse("starting https:// (a secure address)"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = host.contains('.')
        && host
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    let path_ok = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '@');
    if host_ok && path_ok && url.len() <= 300 {
        Ok(url)
    } else {
        Err(refuse("like https://www.example.org"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_kept_in_one_written_form() {
        for (typed, kept) in [
            ("01227 123456", "01227 123456"),
            ("+44 (0)1227 123456", "01227 123456"),
            ("+441227123456", "01227 123456"),
            ("0808-2000-247", "0808 2000 247"),
            ("07700 900123", "07700 900123"),
            ("020 7946 0018", "020 7946 0018"),
            ("116 123", "116 123"),
        ] {
            assert_eq!(normalise_uk_phone(typed).as_deref(), Ok(kept), "{typed}");
        }
        for bad in [
            "CT1 2AB",
            "call 01227 123456",
            "0122",
            "+1 555 0100",
            "01227 123456 ext 4",
        ] {
            assert!(normalise_uk_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_and_websites_carry_nothing_else() {
        assert_eq!(
            check_email(" Help@Example.org ").as_deref(),
            Ok("help@example.org")
        );
        for bad in [
            "help at example.org",
            "a@b",
            "12 Acacia Avenue <a@b.org>",
            "a@b.org CT1 2AB",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_website("www.example.org/help").as_deref(),
            Ok("https://www.example.org/help")
        );
        for bad in [
            "http://example.org",
            "example",
            "https://ex ample.org",
            "https://u@example.org",
        ] {
            assert!(check_website(bad).is_err(), "{bad}");
        }
    }
}
