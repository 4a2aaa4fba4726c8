//! The store's one error type.

use crate::model::{PlanId, UserId};

/// `Result` with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything that can go wrong in the store.
///
/// Callers branch on the first variants; [`StoreError::Database`] and
/// [`StoreError::Migrate`] are operational failures (disk, network, locks) to
/// report, not to handle.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The URL is neither `sqlite:…` nor `postgres://…`/`postgresql://…`.
    #[error("unsupported database URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: &'static str },

    /// A value was refused before it reached the database (empty handle,
    /// non-finite load, malformed JSON, year outside 0..=9999, no sets…).
    #[error("invalid {field}: {reason}")]
    Invalid { field: &'static str, reason: String },

    /// The database refused the write (CHECK, FOREIGN KEY, UNIQUE or NOT NULL).
    /// Nothing of the call was written.
    #[error("rejected by the database: {0}")]
    Constraint(String),

    /// No user has this id.
    #[error("no user with id {0}")]
    UnknownUser(UserId),

    /// The plan is not (or no longer) the user's active plan: someone saved a
    /// new plan in between, or the id belongs to another user.
    #[error("plan {plan} is not the active plan of user {user}")]
    NotActivePlan { user: UserId, plan: PlanId },

    /// The plan was edited since it was read (`expected` is the revision the
    /// caller read): nothing was written; read it again and redo the edit.
    #[error("plan {plan} was changed meanwhile (revision {expected} is stale)")]
    StaleRevision { plan: PlanId, expected: i64 },

    /// A stored value could not be read back (e.g. a date that does not parse).
    #[error("corrupt stored value in {field}: {value:?}")]
    Corrupt { field: &'static str, value: String },

    /// The database could not be opened (refused, unreachable, not a
    /// database file, read-only, ...). `target` is the file or the URL
    /// without its password.
    #[error("cannot open the database {target}: {reason}")]
    Open { target: String, reason: String },

    /// The database belongs to another application.
    #[error("{target} is not an upright database: {reason}")]
    NotUpright { target: String, reason: String },

    /// Creating the SQLite file's directory failed.
    #[error("cannot create directory {path}: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Applying the embedded migrations failed.
    #[error("database migration failed: {}", one_line(&.0.to_string()))]
    Migrate(#[from] sqlx::migrate::MigrateError),

    /// Any other database failure (I/O, connection, timeout, lock).
    #[error("database error: {}", root_cause(.0))]
    Database(sqlx::Error),
}

impl StoreError {
    pub(crate) fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        StoreError::Invalid {
            field,
            reason: reason.into(),
        }
    }

    /// True for [`StoreError::Constraint`]: the database refused the values.
    pub fn is_constraint(&self) -> bool {
        matches!(self, StoreError::Constraint(_))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        use sqlx::error::ErrorKind;
        if let sqlx::Error::Database(db) = &e {
            match db.kind() {
                ErrorKind::CheckViolation
                | ErrorKind::ForeignKeyViolation
                | ErrorKind::UniqueViolation
                | ErrorKind::NotNullViolation => {
                    return StoreError::Constraint(db.message().to_owned())
                }
                _ => {}
            }
        }
        StoreError::Database(e)
    }
}

/// The innermost cause of a database error, on one line (sqlx wraps the
/// driver's message; printing the chain would say it three times).
pub(crate) fn root_cause(e: &sqlx::Error) -> String {
    let text = match e {
        sqlx::Error::Database(db) => db.message().to_owned(),
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::PoolTimedOut => "timed out waiting for a connection".to_owned(),
        other => {
            let mut s: &dyn std::error::Error = other;
            while let Some(inner) = s.source() {
                s = inner;
            }
            s.to_string()
        }
    };
    one_line(&text)
}

/// Whitespace (newlines included) collapsed to single spaces.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
