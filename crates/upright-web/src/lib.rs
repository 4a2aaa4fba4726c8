//! upright-web: `upright serve`, the web app (server-rendered pages, phone
//! first, a little plain JavaScript for timers and the offline queue) and
//! the JSON API under `/api/v1`.
//!
//! Handlers only parse, call one upright-app use case and render: no domain
//! rules and no SQL here. Nothing lives in a server's memory that another
//! server would need: sessions, API tokens, idempotency keys and rate-limit
//! counts are in the database, so several servers may share one PostgreSQL.

mod auth;
#[path = "../../upright/src/commands/coach/chart.rs"]
#[allow(dead_code)]
mod chart;
pub mod error;
mod extract;
mod openapi;
mod pages;
mod routes;
mod security;
pub mod startup;
mod state;

pub use startup::{shutdown_signal, Application, Config, StartError};
