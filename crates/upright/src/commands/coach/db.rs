//! Opening the store for a command: which database (`--db`, `UPRIGHT_DATABASE_URL`
//! or the default file in the user's data directory), a current-thread tokio
//! runtime to drive the async store, and the local user the CLI acts as.

use crate::error::{CliError, CliResult};
use std::future::Future;
use std::path::PathBuf;
use upright_store::{Store, StoreError, User};

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `sqlite:...`, `postgres://...` or `postgresql://...`, handed to the store as is.
    Url(String),
    /// A SQLite file, created (with its directory) on first use.
    Path(PathBuf),
}

impl Target {
    /// `--db` (or `UPRIGHT_DATABASE_URL`): a URL, or a bare path meaning a
    /// SQLite file; unset or empty: `upright.db` in the user's data directory
    /// (XDG: `$XDG_DATA_HOME/upright`, usually `~/.local/share/upright`).
    pub fn resolve(db: Option<&str>) -> CliResult<Target> {
        let db = db.map(str::trim).filter(|s| !s.is_empty());
        match db {
            Some(u) if u.starts_with("sqlite:") || u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Ok(Target::Url(u.to_string()))
            }
            Some(u) if u.contains("://") => Err(CliError::bad(format!(
                "db: '{}' is not a database this build knows; accepted: a file path, sqlite://PATH, postgres://USER@HOST/DB",
                redact(u)
            ))),
            Some(p) => Ok(Target::Path(PathBuf::from(p))),
            None => default_path().map(Target::Path),
        }
    }
}

/// `<data dir>/upright.db` (`directories::ProjectDirs`).
pub fn default_path() -> CliResult<PathBuf> {
    directories::ProjectDirs::from("", "", "upright")
        .map(|d| d.data_dir().join("upright.db"))
        .ok_or_else(|| CliError::bad("db: no home directory to keep your data in; give --db PATH (or set UPRIGHT_DATABASE_URL)"))
}

fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((auth, host)) if auth.contains(':') => {
                format!("{scheme}://{}:***@{host}", auth.split(':').next().unwrap_or(""))
            }
            _ => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// An open store, the runtime that drives it and the CLI's user.
pub struct Db {
    rt: tokio::runtime::Runtime,
    pub store: Store,
    pub user: User,
}

impl Db {
    pub fn open(db: Option<&str>) -> CliResult<Db> {
        let target = Target::resolve(db)?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CliError::Internal(anyhow::anyhow!("cannot start the async runtime: {e}")))?;
        let store = rt
            .block_on(async {
                match &target {
                    Target::Url(u) => Store::connect(u).await,
                    Target::Path(p) => Store::open_path(p).await,
                }
            })
            .map_err(|e| match e {
                StoreError::InvalidUrl { .. } | StoreError::Io { .. } => CliError::bad(format!("db: {e}")),
                other => CliError::Internal(anyhow::Error::new(other).context("db: cannot open the database")),
            })?;
        let user = match rt.block_on(store.local_user()) {
            Ok(u) => u,
            Err(e) => {
                rt.block_on(store.close());
                return Err(store_err(e));
            }
        };
        Ok(Db { rt, store, user })
    }

    /// Like `run`, mapping the store's error.
    pub fn call<T, F: Future<Output = Result<T, StoreError>>>(&self, f: F) -> CliResult<T> {
        self.rt.block_on(f).map_err(store_err)
    }

    /// The person's unit, as core knows it.
    pub fn unit(&self) -> upright_core::coach::Unit {
        match self.user.unit {
            upright_store::Unit::Kg => upright_core::coach::Unit::Kg,
            upright_store::Unit::Lb => upright_core::coach::Unit::Lb,
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        // Close the pool inside the runtime: sqlx returns connections with tasks.
        let store = self.store.clone();
        self.rt.block_on(async move { store.close().await });
    }
}

/// The store's refusals of values are the user's to fix; the rest is internal.
pub fn store_err(e: StoreError) -> CliError {
    match e {
        StoreError::Invalid { .. } | StoreError::Constraint(_) => CliError::bad(e.to_string()),
        other => CliError::Internal(anyhow::Error::new(other).context("database")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(Target::resolve(Some("x.db")).unwrap(), Target::Path("x.db".into()));
        assert_eq!(Target::resolve(Some("sqlite://a.db")).unwrap(), Target::Url("sqlite://a.db".into()));
        assert_eq!(Target::resolve(Some("postgres://u@h/db")).unwrap(), Target::Url("postgres://u@h/db".into()));
        let e = Target::resolve(Some("mysql://u:pw@h/db")).unwrap_err().to_string();
        assert!(e.starts_with("db: ") && e.contains("u:***@h") && !e.contains("pw"), "{e}");
        assert!(matches!(Target::resolve(Some("  ")).unwrap(), Target::Path(p) if p.ends_with("upright.db")));
    }
}
