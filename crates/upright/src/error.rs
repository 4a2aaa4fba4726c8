//! The binary's error: what went wrong and which exit code it means.

use std::fmt;

/// Exit codes of the CLI contract (DESIGN.md section 4).
pub mod exit {
    pub const OK: i32 = 0;
    pub const INTERNAL: i32 = 1;
    pub const BAD_INPUT: i32 = 2;
    pub const REFERRAL: i32 = 3;
}

/// A failure that maps to an exit code. Bad input is the user's to fix and gets
/// a one-line message naming the field; anything else is internal.
#[derive(Debug)]
pub enum CliError {
    BadInput(String),
    Internal(anyhow::Error),
}

impl CliError {
    pub fn bad(msg: impl Into<String>) -> Self {
        CliError::BadInput(msg.into())
    }
    pub fn code(&self) -> i32 {
        match self {
            CliError::BadInput(_) => exit::BAD_INPUT,
            CliError::Internal(_) => exit::INTERNAL,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::BadInput(m) => f.write_str(m),
            CliError::Internal(e) => write!(f, "{e:#}"),
        }
    }
}

impl From<anyhow::Error> for CliError {
    fn from(e: anyhow::Error) -> Self {
        CliError::Internal(e)
    }
}

impl From<upright_core::profile::ProfileError> for CliError {
    fn from(e: upright_core::profile::ProfileError) -> Self {
        CliError::BadInput(e.to_string())
    }
}

impl From<upright_core::catalog::CatalogError> for CliError {
    fn from(e: upright_core::catalog::CatalogError) -> Self {
        CliError::BadInput(format!("catalog: {e}"))
    }
}

impl From<upright_app::AppError> for CliError {
    fn from(e: upright_app::AppError) -> Self {
        use upright_app::ErrorKind;
        match e.kind {
            ErrorKind::BadInput
            | ErrorKind::NotFound
            | ErrorKind::Unauthorized
            | ErrorKind::RateLimited => CliError::BadInput(e.line()),
            ErrorKind::Conflict | ErrorKind::Unavailable | ErrorKind::Internal => {
                CliError::Internal(anyhow::anyhow!(e.line()))
            }
        }
    }
}

pub type CliResult<T> = Result<T, CliError>;
