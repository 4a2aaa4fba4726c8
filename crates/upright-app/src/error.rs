//! The application's one error: what kind of failure, the field at fault,
//! and a message in words a person can act on (the CLI prints it on one
//! line, the web will show it next to the field).

use upright_core::text::safe_line;
use upright_store::StoreError;

/// Longest message shown, in characters (echoed input is capped before that).
const MESSAGE_MAX: usize = 400;

/// How the caller should treat an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The person's input: fix it and try again (CLI exit 2, HTTP 400/422).
    BadInput,
    /// Something the request needs does not exist (no active plan).
    NotFound,
    /// A concurrent change won every retry (HTTP 409).
    Conflict,
    /// The database cannot be reached or opened (CLI exit 1, HTTP 503).
    Unavailable,
    /// A fault of ours or of stored data (CLI exit 1, HTTP 500).
    Internal,
    /// No valid session, password or token (HTTP 401).
    Unauthorized,
    /// Too many attempts in the window (HTTP 429).
    RateLimited,
}

/// One error type for every use case: kind, field and message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.line())]
pub struct AppError {
    pub kind: ErrorKind,
    /// The input field at fault (`date`, `sets`, `db`...); empty when none is.
    pub field: String,
    pub message: String,
}

impl AppError {
    pub fn new(kind: ErrorKind, field: impl Into<String>, message: impl AsRef<str>) -> AppError {
        AppError {
            kind,
            field: field.into(),
            message: safe_line(message.as_ref(), MESSAGE_MAX),
        }
    }

    pub fn bad(field: impl Into<String>, message: impl AsRef<str>) -> AppError {
        AppError::new(ErrorKind::BadInput, field, message)
    }

    pub fn internal(message: impl AsRef<str>) -> AppError {
        AppError::new(ErrorKind::Internal, "", message)
    }

    /// "field: message", or the message alone.
    pub fn line(&self) -> String {
        if self.field.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.field, self.message)
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Invalid { field, reason } => AppError::bad(field, reason),
            StoreError::Constraint(m) => {
                AppError::bad("value", format!("refused by the database: {m}"))
            }
            StoreError::InvalidUrl { .. }
            | StoreError::Io { .. }
            | StoreError::NotUpright { .. } => AppError::bad("db", e.to_string()),
            StoreError::Open { .. } => AppError::new(ErrorKind::Unavailable, "db", e.to_string()),
            StoreError::StaleRevision { .. } | StoreError::NotActivePlan { .. } => {
                AppError::new(ErrorKind::Conflict, "plan", format!("{e}; try again"))
            }
            other => AppError::internal(format!("database: {other}")),
        }
    }
}

impl From<upright_core::coach::dates::DateError> for AppError {
    fn from(e: upright_core::coach::dates::DateError) -> Self {
        AppError::bad(e.field, e.message)
    }
}

impl From<upright_core::coach::edits::EditError> for AppError {
    fn from(e: upright_core::coach::edits::EditError) -> Self {
        AppError::bad(e.field, e.message)
    }
}

impl From<upright_core::profile::ProfileError> for AppError {
    fn from(e: upright_core::profile::ProfileError) -> Self {
        AppError::bad(e.field, e.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_safe_line() {
        let e = AppError::bad("note", "bad\nvalue \x1b[2J");
        assert_eq!(e.to_string(), "note: bad\\nvalue \\u{1b}[2J");
        let long = AppError::bad("x", "y".repeat(100_000));
        assert!(long.to_string().len() < 500);
    }
}
