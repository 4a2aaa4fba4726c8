//! What every handler gets: the application (store + catalog) and the
//! server's settings. Nothing else: sessions, tokens and rate limits live in
//! the database, so any server sharing it can answer any request.

use upright_app::App;

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    /// Cookies carry `Secure` (set when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
}

/// The server's day (the use cases take the caller's clock).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
