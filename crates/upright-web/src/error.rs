//! The web's one error: an [`AppError`] (or a refused request) as an HTTP
//! status and a body. The API answers JSON `{code, field, message}`; page
//! routes turn the same error into a page (see `pages::error_page`). Internal
//! faults are logged and shown as "internal error" only: no SQL, no paths.

use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use upright_app::{AppError, ErrorKind};

/// What went wrong, as the client sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WebError {
    /// `bad_input`, `not_found`, `conflict`, `unauthorized`, `forbidden`,
    /// `rate_limited`, `unavailable` or `internal`.
    pub code: &'static str,
    /// The input field at fault; empty when none is.
    pub field: String,
    pub message: String,
    #[serde(skip)]
    pub status: StatusCode,
}

pub type WebResult<T> = Result<T, WebError>;

impl WebError {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        field: &str,
        message: impl Into<String>,
    ) -> WebError {
        WebError {
            code,
            field: field.to_string(),
            message: message.into(),
            status,
        }
    }

    pub fn bad(field: &str, message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::BAD_REQUEST, "bad_input", field, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::UNAUTHORIZED, "unauthorized", "", message)
    }

    pub fn forbidden(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::FORBIDDEN, "forbidden", "", message)
    }

    pub fn not_found(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::NOT_FOUND, "not_found", "", message)
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> WebError {
        let (status, code) = match e.kind {
            ErrorKind::BadInput => (StatusCode::BAD_REQUEST, "bad_input"),
            ErrorKind::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            ErrorKind::Conflict => (StatusCode::CONFLICT, "conflict"),
            ErrorKind::Unauthorized => (StatusCode::UNAUTHORIZED, "unauthorized"),
            ErrorKind::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            ErrorKind::Unavailable => {
                tracing::error!(error = %e, "database unavailable");
                return WebError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "",
                    "the service is unavailable; try again shortly",
                );
            }
            ErrorKind::Internal => {
                tracing::error!(error = %e, "internal error");
                return WebError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "",
                    "internal error",
                );
            }
        };
        WebError {
            code,
            field: e.field,
            message: e.message,
            status,
        }
    }
}

/// Malformed bodies, queries and paths are the client's: 400 (415 for a
/// wrong content type), never 500, and no parser internals beyond the reason.
fn rejected(status: StatusCode, field: &str, text: String) -> WebError {
    let status = if status.is_client_error() {
        status
    } else {
        StatusCode::BAD_REQUEST
    };
    let text = upright_core::text::safe_line(&text, 300);
    WebError::new(status, "bad_input", field, text)
}

impl From<JsonRejection> for WebError {
    fn from(r: JsonRejection) -> WebError {
        rejected(r.status(), "body", r.body_text())
    }
}

impl From<FormRejection> for WebError {
    fn from(r: FormRejection) -> WebError {
        rejected(r.status(), "form", r.body_text())
    }
}

impl From<QueryRejection> for WebError {
    fn from(r: QueryRejection) -> WebError {
        rejected(r.status(), "query", r.body_text())
    }
}

impl From<PathRejection> for WebError {
    fn from(r: PathRejection) -> WebError {
        let s = r.status();
        rejected(
            if s == StatusCode::NOT_FOUND {
                s
            } else {
                StatusCode::BAD_REQUEST
            },
            "id",
            r.body_text(),
        )
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.status;
        // The body is JSON; the pages' layer re-renders it as a page from
        // the copy kept in the extensions.
        let mut res = (status, axum::Json(&self)).into_response();
        res.extensions_mut().insert(self);
        res
    }
}
