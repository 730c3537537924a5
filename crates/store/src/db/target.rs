//! Which database `DATABASE_URL` names: a PostgreSQL URL or a SQLite file.

use crate::error::StoreError;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    /// A SQLite database file (created if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl DatabaseTarget {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite://PATH`, `sqlite:PATH` or a
    /// plain path is a SQLite file; any other scheme is refused with a message saying so.
    pub fn parse(url: &str) -> Result<Self, StoreError> {
        let url = url.trim();
        if url.is_empty() {
            return Err(StoreError::config("DATABASE_URL is empty"));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        if let Some((scheme, _)) = path.split_once("://") {
            return Err(StoreError::config(format!(
                "DATABASE_URL scheme '{scheme}' is not supported: use postgres://… or a SQLite file path"
            )));
        }
        if path.is_empty() {
            return Err(StoreError::config("DATABASE_URL names no SQLite file"));
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "SQLite",
            Self::Postgres(_) => "PostgreSQL",
        }
    }

    /// A description safe to log: the file, or the URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("SQLite file {}", path.display()),
            Self::Postgres(url) => format!("PostgreSQL at {}", redact_password(url)),
        }
    }

    /// Where a PostgreSQL URL connects, for error messages: `host:port` (port 5432 when not
    /// given), or the Unix socket folder named by a `host=` parameter when the URL has no host.
    pub fn address(&self) -> Option<String> {
        let Self::Postgres(url) = self else {
            return None;
        };
        let rest = url.split_once("://")?.1;
        let authority = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
        let host = authority.split(['/', '?']).next()?;
        if host.is_empty() {
            let folder = rest
                .split_once('?')
                .and_then(|(_, params)| params.split('&').find_map(|p| p.strip_prefix("host=")));
            return Some(match folder {
                Some(folder) => format!("the socket in {folder}"),
                None => "the local socket".into(),
            });
        }
        Some(if host.contains(':') {
            host.to_string()
        } else {
            format!("{host}:5432")
        })
    }

    /// Checks a SQLite file's folder exists and is writable, so the error names the path.
    pub(crate) fn check_sqlite_path(path: &Path) -> Result<(), StoreError> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let meta = std::fs::metadata(folder).map_err(|e| {
            StoreError::config(format!(
                "cannot create SQLite database {}: folder {} {}",
                path.display(),
                folder.display(),
                describe_io(&e)
            ))
        })?;
        if !meta.is_dir() {
            return Err(StoreError::config(format!(
                "cannot create SQLite database {}: {} is not a folder",
                path.display(),
                folder.display()
            )));
        }
        Ok(())
    }
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "does not exist".into(),
        std::io::ErrorKind::PermissionDenied => "is not accessible (permission denied)".into(),
        _ => e.to_string(),
    }
}

fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            if userinfo.contains(':') {
                format!("{scheme}://{user}:***@{host}")
            } else {
                format!("{scheme}://{user}@{host}")
            }
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_form() {
        assert_eq!(
            DatabaseTarget::parse("frontline.db").unwrap(),
            DatabaseTarget::Sqlite("frontline.db".into())
        );
        assert_eq!(
            DatabaseTarget::parse("sqlite:///tmp/x.db").unwrap(),
            DatabaseTarget::Sqlite("/tmp/x.db".into())
        );
        assert!(matches!(
            DatabaseTarget::parse("postgresql://u@h/db").unwrap(),
            DatabaseTarget::Postgres(_)
        ));
        let err = DatabaseTarget::parse("mysql://root@localhost/x").unwrap_err();
        assert!(err.to_string().contains("scheme 'mysql' is not supported"));
    }

    #[test]
    fn names_where_it_connects() {
        let at = |url: &str| DatabaseTarget::Postgres(url.into()).address().unwrap();
        assert_eq!(at("postgres://u:p@db.example/x"), "db.example:5432");
        assert_eq!(
            at("postgres://u@10.0.0.5:5433/x?sslmode=require"),
            "10.0.0.5:5433"
        );
        assert_eq!(
            at("postgres://u@/x?sslmode=disable&host=/var/run/postgresql"),
            "the socket in /var/run/postgresql"
        );
        assert_eq!(at("postgresql:///x"), "the local socket");
    }

    #[test]
    fn hides_passwords() {
        let t = DatabaseTarget::Postgres("postgres://u:secret@h:5432/db".into());
        assert_eq!(t.describe(), "PostgreSQL at postgres://u:***@h:5432/db");
    }
}
