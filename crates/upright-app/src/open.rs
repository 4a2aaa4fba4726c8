//! Which database: a URL (`sqlite:...`, `postgres://...`) or a SQLite file path.

use crate::{AppError, AppResult};
use std::path::PathBuf;

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    /// `sqlite:...`, `postgres://...` or `postgresql://...`, handed to the store as is.
    Url(String),
    /// A SQLite file, created (with its directory) on first use.
    Path(PathBuf),
}

impl DbTarget {
    /// A database named by the person: a URL, or a bare path meaning a
    /// SQLite file. Empty text is refused (it would silently mean "the
    /// default database"); so are URLs of databases this build does not know.
    pub fn parse(db: &str) -> AppResult<DbTarget> {
        let u = db.trim();
        if u.is_empty() {
            return Err(AppError::bad(
                "db",
                "empty; accepted: a file path, sqlite://PATH or postgres://USER@HOST/DB (leave it out for the default database)",
            ));
        }
        if u.starts_with("sqlite:")
            || u.starts_with("postgres://")
            || u.starts_with("postgresql://")
        {
            return Ok(DbTarget::Url(u.to_string()));
        }
        if u.contains("://") {
            return Err(AppError::bad(
                "db",
                format!(
                    "'{}' is not a database this build knows; accepted: a file path, sqlite://PATH, postgres://USER@HOST/DB",
                    redact(u)
                ),
            ));
        }
        Ok(DbTarget::Path(PathBuf::from(u)))
    }
}

/// A URL with its password hidden (`postgres://u:***@h/db`).
pub fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((auth, host)) if auth.contains(':') => {
                format!(
                    "{scheme}://{}:***@{host}",
                    auth.split(':').next().unwrap_or("")
                )
            }
            _ => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            DbTarget::parse("x.db").unwrap(),
            DbTarget::Path("x.db".into())
        );
        assert_eq!(
            DbTarget::parse("sqlite://a.db").unwrap(),
            DbTarget::Url("sqlite://a.db".into())
        );
        assert_eq!(
            DbTarget::parse("postgres://u@h/db").unwrap(),
            DbTarget::Url("postgres://u@h/db".into())
        );
        let e = DbTarget::parse("mysql://u:pw@h/db")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("db: ") && e.contains("u:***@h") && !e.contains("pw"),
            "{e}"
        );
        let e = DbTarget::parse("  ").unwrap_err().to_string();
        assert!(e.starts_with("db: empty"), "{e}");
    }
}
